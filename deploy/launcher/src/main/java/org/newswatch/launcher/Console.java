package org.newswatch.launcher;

import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The launcher's progress lines: one line per step, with how long it took. Failures go to stderr. */
final class Console {

    private final PrintStream out;
    private final PrintStream err;
    private final String okMark;
    private final String failMark;

    Console(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
        // A check mark only where the terminal can show it; "ok"/"!!" otherwise.
        boolean unicode = StandardCharsets.UTF_8.equals(outputCharset());
        this.okMark = unicode ? "\u2713" : "ok";
        this.failMark = unicode ? "\u2717" : "!!";
    }

    private static Charset outputCharset() {
        String name = System.getProperty("stdout.encoding", System.getProperty("sun.stdout.encoding",
                System.getProperty("native.encoding", Charset.defaultCharset().name())));
        try {
            return Charset.forName(name);
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }

    synchronized void ok(String what, long startNanos) {
        out.println(okMark + " " + what + " (" + seconds(startNanos) + ")");
    }

    synchronized void ok(String what) {
        out.println(okMark + " " + what);
    }

    synchronized void fail(String what) {
        out.flush();
        err.println(failMark + " " + what);
    }

    /** A line that explains the failure above it (a log's last lines), also to stderr. */
    synchronized void failDetail(String text) {
        err.println(text);
    }

    synchronized void step(String what) {
        out.println("  " + what);
    }

    synchronized void line(String text) {
        out.println(text);
    }

    /** Elapsed time since {@code startNanos} as "2.1 s". */
    static String seconds(long startNanos) {
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        return String.format(Locale.ROOT, "%.1f s", elapsed);
    }
}
