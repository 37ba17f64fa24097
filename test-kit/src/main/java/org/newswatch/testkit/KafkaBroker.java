package org.newswatch.testkit;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real Apache Kafka broker in KRaft mode (one combined broker and controller) inside the test JVM,
 * started on first use and shared by every test of the JVM. Topics are auto-created with
 * {@link #PARTITIONS} partitions, as in the default setup.
 */
public final class KafkaBroker {

    public static final int PARTITIONS = 12;

    private static KafkaBroker shared;

    private final KafkaClusterTestKit cluster;

    private KafkaBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** The JVM's broker, started on the first call (about two seconds). */
    public static synchronized KafkaBroker shared() {
        if (shared == null) {
            long started = System.nanoTime();
            // A broker inside the test JVM must never end that JVM: on a fatal error (say, while it stops in the
            // shutdown hook below) Kafka exits or halts its process, which Surefire reports as a crashed fork
            // after every test passed. Say what Kafka wanted instead.
            org.apache.kafka.common.utils.Exit.setExitProcedure(KafkaBroker::refuseToEndTheJvm);
            org.apache.kafka.common.utils.Exit.setHaltProcedure(KafkaBroker::refuseToEndTheJvm);
            shared = new KafkaBroker(startCluster());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "kafka-test-broker-stop"));
            System.out.printf("[test-kit] Kafka broker (KRaft, Apache Kafka %s) listening at %s, up in %d ms%n",
                    org.apache.kafka.common.utils.AppInfoParser.getVersion(), shared.bootstrapServers(),
                    (System.nanoTime() - started) / 1_000_000);
        }
        return shared;
    }

    private static void refuseToEndTheJvm(int status, String message) {
        System.err.printf("[test-kit] the Kafka test broker asked to end the JVM with status %d (%s); ignored%n",
                status, message);
    }

    private static KafkaClusterTestKit startCluster() {
        try {
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("num.partitions", String.valueOf(PARTITIONS))
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "4")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return cluster;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the test Kafka broker", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test Kafka broker: " + e.getMessage(), e);
        }
    }

    /** {@code host:port} of the broker's client listener, on loopback. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Creates the topics with {@link #PARTITIONS} partitions; topics that exist already are left as they are. */
    public void createTopics(String... names) {
        List<NewTopic> topics = Arrays.stream(names).map(name -> new NewTopic(name, PARTITIONS, (short) 1)).toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            for (var result : admin.createTopics(topics).values().values()) {
                try {
                    result.get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create test topics " + Arrays.toString(names), e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating test topics", e);
        }
    }

    private void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            System.err.println("[test-kit] Kafka broker did not stop cleanly: " + e);
        }
    }
}
