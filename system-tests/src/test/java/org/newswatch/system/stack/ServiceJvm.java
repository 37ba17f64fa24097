package org.newswatch.system.stack;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * One newswatch service run from its packaged {@code quarkus-run.jar} as a separate JVM, in the production
 * profile with the overrides its system test needs. Its output goes to a log file (appended to across restarts);
 * the same port is kept across restarts so the gateway's backend URL stays valid.
 */
public final class ServiceJvm {

    /** Every JVM the system tests start, so that a JVM shutdown hook can end those a failed run left behind. */
    private static final List<Process> STARTED = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ServiceJvm::killLeftovers, "system-test-service-kill"));
    }

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private final String name;
    private final Path jar;
    private final int port;
    private final Path workDir;
    private final Path log;
    private final Map<String, String> properties = new TreeMap<>();
    private final Map<String, String> environment = new TreeMap<>();
    private final String heap;
    private Process process;
    private int starts;

    public ServiceJvm(String name, Path jar, int port, Path workDir, String heap) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.workDir = workDir.resolve(name);
        this.log = workDir.resolve(name + ".log");
        this.heap = heap;
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + " is not packaged: " + jar + " is missing (run the build from the"
                    + " repository root: mvn -B verify; the reactor packages the services before system-tests)");
        }
    }

    /** A configuration property given as {@code -D} (never a secret: command lines are visible to every user). */
    public ServiceJvm property(String key, String value) {
        properties.put(key, value);
        return this;
    }

    /** An environment variable, for secrets and keys. */
    public ServiceJvm secret(String variable, String value) {
        environment.put(variable, value);
        return this;
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    /** Starts the JVM; {@link #awaitReady} waits for it. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Four service JVMs, the test JVM with the broker and PostgreSQL share two cores in CI: small heaps, the
        // quick C1 compiler only, and the serial collector (no GC threads competing for the cores).
        command.add("-Xmx" + heap);
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:+ExitOnOutOfMemoryError");
        // Names this process in ps as a system-test child of this run.
        command.add("-Dnewswatch.system-test.service=" + name);
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dquarkus.http.port=" + port);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.createDirectories(workDir);
            Files.writeString(log, "---- " + name + " start " + (++starts) + " ----" + System.lineSeparator(),
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            // Hermetic: nothing from the build's environment configures the service behind the test's back.
            builder.environment().keySet().removeIf(variable -> variable.startsWith("QUARKUS_")
                    || variable.startsWith("NEWSWATCH_") || variable.startsWith("KAFKA_")
                    || variable.startsWith("MP_MESSAGING_") || variable.startsWith("SMALLRYE_"));
            builder.environment().putAll(environment);
            process = builder.start();
            synchronized (STARTED) {
                STARTED.add(process);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Waits until {@code /q/health/ready} answers UP; fails at once, with the log's end, if the JVM exits. */
    public void awaitReady(Duration timeout) {
        await(name + " ready on " + baseUrl())
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    Process current = process;
                    if (current == null || !current.isAlive()) {
                        throw new AssertionError(name + " exited (" + (current == null ? "never started"
                                : "status " + current.exitValue()) + ") before it was ready; its log ends with:\n"
                                + logTail(60));
                    }
                    return isReady();
                });
    }

    private boolean isReady() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(3)).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL: a crash, nothing flushed, no consumer group left, no lease given back. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(process, Duration.ofSeconds(30));
        }
    }

    /** SIGTERM, as an orchestrator stops a service; SIGKILL if it has not ended after 30 s. */
    public synchronized void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!waitFor(process, Duration.ofSeconds(30))) {
            process.destroyForcibly();
            waitFor(process, Duration.ofSeconds(10));
        }
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The last {@code lines} lines of the service's log. */
    public String logTail(int lines) {
        try {
            if (!Files.exists(log)) {
                return "(no log at " + log + ")";
            }
            // Decoded leniently: a log may hold bytes that are not UTF-8.
            List<String> all = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    private static void killLeftovers() {
        synchronized (STARTED) {
            for (Process process : STARTED) {
                if (process.isAlive()) {
                    process.destroyForcibly();
                }
            }
        }
    }
}
