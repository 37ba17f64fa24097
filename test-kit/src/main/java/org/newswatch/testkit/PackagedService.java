package org.newswatch.testkit;

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
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;

/**
 * A newswatch service run from its packaged {@code quarkus-run.jar} as a separate JVM, for system tests and
 * benchmarks: what runs is exactly what ships. It runs in the production profile (the packaged default; a
 * {@code quarkus.profile} property chooses another) on a free port of 127.0.0.1 that it keeps across restarts, in
 * a clean environment: inherited {@code QUARKUS_*}, {@code NEWSWATCH_*}, {@code KAFKA_*}, {@code MP_MESSAGING_*}
 * and {@code SMALLRYE_*} variables are removed, so only what the caller gives configures it. Its output goes to
 * {@code <workDir>/<name>.log}, started afresh by the first start and appended to by restarts; its working
 * directory is {@code <workDir>/<name>}. A JVM shutdown hook kills whatever a cut-short run leaves running.
 */
public final class PackagedService implements AutoCloseable {

    /** The jar a service module packages, relative to the module's directory (where its benchmarks run). */
    public static final Path MODULE_JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    /** Every JVM started, so that a JVM shutdown hook can end those a failed run left behind. */
    private static final List<Process> STARTED = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(PackagedService::killLeftovers, "packaged-service-kill"));
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
    private final List<String> jvmOptions = new ArrayList<>();
    private final Map<String, String> properties = new TreeMap<>();
    private final Map<String, String> environment = new TreeMap<>();
    private Process process;
    private int starts;

    /**
     * @param name the service's module name, e.g. {@code alert-service}
     * @param jar its {@code quarkus-run.jar}
     * @param workDir where its log and working directory go
     */
    public PackagedService(String name, Path jar, Path workDir) {
        this.name = name;
        this.jar = jar.toAbsolutePath().normalize();
        this.port = LoopbackPorts.free();
        this.workDir = workDir.resolve(name).toAbsolutePath().normalize();
        this.log = workDir.resolve(name + ".log").toAbsolutePath().normalize();
        if (!Files.isRegularFile(this.jar)) {
            throw new IllegalStateException(name + " is not packaged: " + this.jar + " is missing (mvn -B -ntp -pl "
                    + name + " package -DskipTests, or the whole build from the repository root)");
        }
    }

    /** JVM options such as {@code -Xmx1g}, before {@code -jar}. */
    public PackagedService jvmOptions(String... options) {
        jvmOptions.addAll(List.of(options));
        return this;
    }

    /** A configuration property given as {@code -D} (never a secret: command lines are visible to every user). */
    public PackagedService property(String key, String value) {
        properties.put(key, value);
        return this;
    }

    /** Configuration properties given as {@code -D}, as {@link #property}. */
    public PackagedService properties(Map<String, String> values) {
        properties.putAll(values);
        return this;
    }

    /** An environment variable, for secrets and keys. */
    public PackagedService secret(String variable, String value) {
        environment.put(variable, value);
        return this;
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The service's URI for a path (with its query), e.g. {@code /q/metrics}. */
    public URI uri(String pathAndQuery) {
        return URI.create(baseUrl() + pathAndQuery);
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
        // As the launcher and the images run the services: a common pool of at least 2 (see ServiceProcess in
        // deploy/launcher), so that tests and benchmarks measure what runs in production.
        command.add("-Djava.util.concurrent.ForkJoinPool.common.parallelism="
                + Math.max(2, Runtime.getRuntime().availableProcessors() - 1));
        command.addAll(jvmOptions);
        // Names this process in ps as a service started by a test or benchmark.
        command.add("-Dnewswatch.test-kit.service=" + name);
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dquarkus.http.port=" + port);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.createDirectories(workDir);
            // A fresh log for this run; a restart appends to it.
            Files.writeString(log, "---- " + name + " start " + (++starts) + " ----" + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    starts == 1 ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            // Hermetic: nothing from the caller's environment configures the service behind its back.
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

    /**
     * Waits until {@code /q/health/ready} answers UP; fails at once if the JVM exits, and after {@code timeout},
     * either way naming the log and showing its end.
     */
    public void awaitReady(Duration timeout) {
        try {
            await(name + " ready on " + baseUrl())
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> {
                        Process current = process;
                        if (current == null || !current.isAlive()) {
                            throw new AssertionError(name + " exited (" + (current == null ? "never started"
                                    : "status " + current.exitValue()) + ") before it was ready; its log " + log
                                    + " ends with:\n" + logTail(60));
                        }
                        return isReady();
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(name + " was not ready on " + baseUrl() + " within " + timeout + "; its log "
                    + log + " ends with:\n" + logTail(60), e);
        }
    }

    private boolean isReady() {
        HttpRequest request = HttpRequest.newBuilder(uri("/q/health/ready"))
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

    /** {@link #stop}, for try-with-resources. */
    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
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

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
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
