package org.newswatch.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts the stack's long-running processes (Kafka, the services) so that they outlive the launcher and do not
 * see the terminal's Ctrl-C: each runs in a session of its own ({@code setsid}), stdin from /dev/null, stdout
 * and stderr to its log file, its pid in .state/pids. Ctrl-C reaches only the launcher, which then stops
 * everything in order.
 */
final class DetachedProcessStarter {

    static final String DEV_NULL = File.separatorChar == '/' ? "/dev/null" : "NUL";

    private final StateDirectory state;
    private final String setsid;
    private boolean closed;

    DetachedProcessStarter(StateDirectory state) {
        this.state = state;
        this.setsid = findOnPath("setsid");
    }

    /** The java of the JVM running the launcher: the same one the user's scripts checked. */
    static String javaExecutable() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return Files.isExecutable(java) ? java.toString() : "java";
    }

    /** Whether processes get their own session; without setsid (macOS) Ctrl-C also reaches them directly. */
    boolean detachesSessions() {
        return setsid != null;
    }

    /**
     * Starts {@code command}. Refused once {@link #close()} ran, so that a Ctrl-C during start-up cannot race a
     * new process past the shutdown that is stopping everything.
     */
    synchronized Process start(String component, List<String> command, Map<String, String> environment, Path log) {
        if (closed) {
            throw new LaunchFailure("stopping: " + component + " was not started");
        }
        List<String> full = new ArrayList<>();
        if (setsid != null) {
            full.add(setsid);
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full)
                .directory(state.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File(DEV_NULL)));
        environment.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        try {
            Process process = builder.start();
            // setsid execs the command in place (its caller is no group leader), so this pid is the JVM's.
            state.writePid(component, process.pid());
            return process;
        } catch (IOException e) {
            throw new LaunchFailure("cannot start " + component + ": " + e.getMessage(), e);
        }
    }

    /** No more starts from now on. */
    synchronized void close() {
        closed = true;
    }

    static String findOnPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, program);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
