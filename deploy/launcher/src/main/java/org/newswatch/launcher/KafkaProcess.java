package org.newswatch.launcher;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real Apache Kafka broker in KRaft combined mode (broker and controller in one process), run from the
 * Maven Central jars that the launcher build copies to target/kafka-libs. Its log directory is
 * .state/kafka/data, formatted once with a new cluster id.
 *
 * <p>Public for the system tests, which run a broker of their own on free ports (see
 * {@link #KafkaProcess(Path, Path, int, int)}) to stop and start it again on the same port and log directory.
 */
public final class KafkaProcess {

    static final String COMPONENT = "kafka";
    static final String HOST = "127.0.0.1";
    static final int PORT = 9092;
    static final int CONTROLLER_PORT = 9093;
    static final String BOOTSTRAP_SERVERS = HOST + ":" + PORT;

    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(120);

    private final StateDirectory state;
    private final OwnedProcesses processes;
    private final Path kafkaLibs;
    private final int port;
    private final int controllerPort;

    /** The local stack's broker, on {@link #PORT} and {@link #CONTROLLER_PORT}. */
    KafkaProcess(StateDirectory state, OwnedProcesses processes, Path kafkaLibs) {
        this(state, processes, kafkaLibs, PORT, CONTROLLER_PORT);
    }

    /**
     * A broker whose configuration, log directory (kafka/data) and log (logs/kafka.log) live under {@code stateRoot},
     * run from the jars in {@code kafkaLibs} (deploy/launcher/target/kafka-libs) on the given loopback ports.
     */
    public KafkaProcess(Path stateRoot, Path kafkaLibs, int port, int controllerPort) {
        this(new StateDirectory(stateRoot), new OwnedProcesses(new StateDirectory(stateRoot)), kafkaLibs, port,
                controllerPort);
    }

    private KafkaProcess(StateDirectory state, OwnedProcesses processes, Path kafkaLibs, int port,
            int controllerPort) {
        this.state = state;
        this.processes = processes;
        this.kafkaLibs = kafkaLibs;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    /** The broker's output, rotated to kafka.log.1 on every start. */
    public Path log() {
        return state.logFile(COMPONENT);
    }

    /** The broker's configuration: single node, loopback only, every internal topic with one replica. */
    static Map<String, String> serverProperties(Path logDirectory, int port, int controllerPort) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", "1");
        // A dynamic single-voter quorum, as "kafka-storage format --standalone" expects.
        config.put("controller.quorum.bootstrap.servers", HOST + ":" + controllerPort);
        config.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("log.dirs", logDirectory.toAbsolutePath().toString());
        config.put("num.partitions", Integer.toString(org.newswatch.contracts.Topics.DEFAULT_PARTITIONS));
        config.put("default.replication.factor", "1");
        config.put("offsets.topic.replication.factor", "1");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        // One local consumer per group: no reason to wait for more members before the first rebalance.
        config.put("group.initial.rebalance.delay.ms", "0");
        return config;
    }

    /** A .properties file, escaped so that any path (spaces, backslashes) survives. */
    static String toPropertiesText(Map<String, String> config) {
        StringBuilder text = new StringBuilder("# Written by deploy/local/up on every start; edits are overwritten.\n");
        config.forEach((key, value) -> text.append(key).append('=').append(escape(value)).append('\n'));
        return text.toString();
    }

    private static String escape(String value) {
        StringBuilder escaped = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> escaped.append(c);
            }
        }
        if (!escaped.isEmpty() && escaped.charAt(0) == ' ') {
            escaped.insert(0, '\\');
        }
        return escaped.toString();
    }

    /** log4j2 for the broker: everything to stdout, which the launcher sends to .state/logs/kafka.log. */
    static String log4jConfiguration() {
        return """
                # Written by deploy/local/up on every start; edits are overwritten.
                status = warn
                appender.stdout.type = Console
                appender.stdout.name = STDOUT
                appender.stdout.layout.type = PatternLayout
                appender.stdout.layout.pattern = [%d] %p %m (%c)%n
                rootLogger.level = INFO
                rootLogger.appenderRef.stdout.ref = STDOUT
                # The full configuration dump on every start is hundreds of lines.
                logger.config.name = org.apache.kafka.common.config.AbstractConfig
                logger.config.level = WARN
                """;
    }

    Path serverPropertiesFile() {
        return state.kafka().resolve("server.properties");
    }

    private Path log4jFile() {
        return state.kafka().resolve("log4j2.properties");
    }

    boolean isFormatted() {
        return Files.exists(state.kafkaData().resolve("meta.properties"));
    }

    /**
     * Starts the broker process with a starter of its own (no {@code up} to guard): for a broker outside the local
     * stack. The process is detached and outlives the caller's JVM unless the caller stops it.
     */
    public ProcessHandle start() {
        return start(new DetachedProcessStarter(state));
    }

    /** Writes the configuration, formats the log directory on first use, starts the broker process. */
    ProcessHandle start(DetachedProcessStarter starter) {
        try {
            Files.createDirectories(state.kafkaData());
            Files.createDirectories(state.logs());
            Files.writeString(serverPropertiesFile(),
                    toPropertiesText(serverProperties(state.kafkaData(), port, controllerPort)), StandardCharsets.UTF_8);
            Files.writeString(log4jFile(), log4jConfiguration(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path log = state.rotateLog(COMPONENT);
        if (!isFormatted()) {
            format(log);
        }
        List<String> command = javaCommand(COMPONENT);
        command.add("kafka.Kafka");
        command.add(serverPropertiesFile().toString());
        Process process = starter.start(COMPONENT, command, Map.of(), log);
        return process.toHandle();
    }

    private void format(Path log) {
        List<String> command = javaCommand("kafka-storage");
        command.addAll(List.of("kafka.tools.StorageTool", "format", "--standalone", "--ignore-formatted",
                "--cluster-id", Uuid.randomUuid().toString(), "--config", serverPropertiesFile().toString()));
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(DetachedProcessStarter.DEV_NULL));
            DetachedProcessStarter.setEnvironment(builder, Map.of());
            Process format = builder.start();
            if (!format.waitFor(FORMAT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                format.destroyForcibly();
                throw new LaunchFailure("formatting the Kafka log directory timed out; see " + log);
            }
            if (format.exitValue() != 0 || !isFormatted()) {
                throw new LaunchFailure("formatting the Kafka log directory " + state.kafkaData()
                        + " failed (exit " + format.exitValue() + "); see " + log, log);
            }
        } catch (IOException e) {
            throw new LaunchFailure("cannot run Java to format the Kafka log directory: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchFailure("interrupted while formatting the Kafka log directory");
        }
    }

    private List<String> javaCommand(String component) {
        List<String> command = new ArrayList<>();
        command.add(DetachedProcessStarter.javaExecutable());
        command.addAll(processes.markers(component));
        // Kafka's own scripts use 1 GB; half is plenty for a local broker with a handful of topics.
        command.addAll(List.of("-Xms128m", "-Xmx512m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
                "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + log4jFile().toUri()));
        command.add("-cp");
        command.add(kafkaLibs.toAbsolutePath() + File.separator + "*");
        return command;
    }

    /** An admin client of this broker that gives up quickly, for the readiness wait and the topics. */
    public Admin admin() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "newswatch-local-launcher");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
        return Admin.create(config);
    }

    /**
     * Waits until the broker answers metadata requests. Fails early when the process exits.
     */
    public void awaitReady(Admin admin, ProcessHandle broker, Duration timeout) {
        Path log = log();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!OwnedProcesses.isRunning(broker)) {
                throw new LaunchFailure("Kafka exited during start-up; see " + log, log);
            }
            try {
                admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new LaunchFailure("Kafka did not answer on " + bootstrapServers() + " within "
                            + timeout.toSeconds() + " s; see " + log, log);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LaunchFailure("interrupted while waiting for Kafka");
            }
            if (!Pause.sleep(250)) {
                throw new LaunchFailure("interrupted while waiting for Kafka");
            }
        }
    }

    /**
     * Creates the topics that are missing with {@code partitions} partitions and grows existing ones that have
     * fewer (never shrinks). Returns a one-line description of what it did.
     */
    public static String ensureTopics(Admin admin, List<String> topics, int partitions) {
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, partitions, (short) 1)).toList();
            for (NewTopic topic : missing) {
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            List<String> present = topics.stream().filter(existing::contains).toList();
            Map<String, NewPartitions> grow = new LinkedHashMap<>();
            if (!present.isEmpty()) {
                Map<String, TopicDescription> descriptions = admin.describeTopics(present).allTopicNames()
                        .get(30, TimeUnit.SECONDS);
                descriptions.forEach((name, description) -> {
                    if (description.partitions().size() < partitions) {
                        grow.put(name, NewPartitions.increaseTo(partitions));
                    }
                });
                if (!grow.isEmpty()) {
                    admin.createPartitions(grow).all().get(30, TimeUnit.SECONDS);
                }
            }
            if (missing.isEmpty() && grow.isEmpty()) {
                return "topics present";
            }
            List<String> done = new ArrayList<>();
            if (!missing.isEmpty()) {
                done.add("created " + missing.size() + " topic" + (missing.size() == 1 ? "" : "s"));
            }
            if (!grow.isEmpty()) {
                done.add("grew " + String.join(", ", grow.keySet()) + " to " + partitions + " partitions");
            }
            return String.join(", ", done);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new LaunchFailure("cannot create the Kafka topics: " + cause.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchFailure("interrupted while creating the Kafka topics");
        }
    }

    /** Controlled shutdown on SIGTERM; a single node takes a few seconds. */
    public static boolean stop(ProcessHandle broker) {
        return OwnedProcesses.stop(broker, OwnedProcesses.Signal.TERM, OwnedProcesses.KAFKA_STOP_GRACE);
    }
}
