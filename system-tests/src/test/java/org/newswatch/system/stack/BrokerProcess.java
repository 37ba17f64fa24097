package org.newswatch.system.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.newswatch.contracts.Topics;
import org.newswatch.launcher.KafkaProcess;
import org.newswatch.launcher.LocalStack;
import org.newswatch.testkit.LoopbackPorts;

/**
 * A real Apache Kafka broker (KRaft, combined mode) as a process of its own, which a test can stop, kill and start
 * again on the same port with the same log directory: the local launcher's {@link KafkaProcess}, on two free
 * loopback ports, its state in {@code target/system-test/broker/} (emptied before the class; log in
 * {@code logs/kafka.log}, the run before a restart in {@code kafka.log.1}). Before the class it starts and gets the
 * launcher's topics (12 partitions); after the class it is stopped, and a JVM shutdown hook kills what a cut-short
 * run left (the launcher's process outlives the JVM that started it).
 */
public final class BrokerProcess implements BeforeAllCallback, AfterAllCallback {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration KILL_WAIT = Duration.ofSeconds(30);

    private final Path state = NewswatchStack.WORK_DIR.resolve("broker").toAbsolutePath().normalize();
    private final KafkaProcess kafka = new KafkaProcess(state, LocalStack.kafkaLibs(NewswatchStack.SERVICES_ROOT),
            LoopbackPorts.free(), LoopbackPorts.free());
    private volatile ProcessHandle process;

    public BrokerProcess() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ProcessHandle running = process;
            if (running != null) {
                running.destroyForcibly();
            }
        }, "kill-test-broker"));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        deleteState();
        start();
        try (Admin admin = kafka.admin()) {
            KafkaProcess.ensureTopics(admin, LocalStack.topicNames(), Topics.DEFAULT_PARTITIONS);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Starts the broker on its port and log directory and waits until it answers metadata requests. */
    public void start() {
        ProcessHandle started = kafka.start();
        process = started;
        try (Admin admin = kafka.admin()) {
            kafka.awaitReady(admin, started, READY_TIMEOUT);
        }
    }

    /** SIGTERM: Kafka's controlled shutdown (killed after 60 s). True when it stopped on its own. */
    public boolean stop() {
        ProcessHandle running = process;
        return running == null || KafkaProcess.stop(running);
    }

    /** SIGKILL: a crash; nothing flushed, the log directory recovered at the next start. */
    public void kill() {
        ProcessHandle running = process;
        if (running == null) {
            return;
        }
        running.destroyForcibly();
        try {
            running.onExit().get(KILL_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker (pid " + running.pid() + ") did not exit after SIGKILL", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing the broker", e);
        }
    }

    public Path log() {
        return kafka.log();
    }

    private void deleteState() {
        if (!Files.exists(state)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(state)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty the broker's state " + state, e);
        }
    }
}
