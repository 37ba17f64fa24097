package org.newswatch.testkit;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/** What a service's Kafka consumer group has committed, read from the broker as a test sees it. */
public final class ConsumerGroups {

    private ConsumerGroups() {
    }

    /**
     * Waits until {@code group} has committed an offset past every given record. A newswatch service commits a
     * record only once its effect is stored, so after this a test can read that effect.
     */
    public static void awaitCommittedPast(String bootstrapServers, String group, Collection<RecordMetadata> records,
            Duration atMost) {
        // The offset to commit past a record is the next one.
        Map<TopicPartition, Long> needed = new HashMap<>();
        for (RecordMetadata record : records) {
            needed.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            await(group + " committed up to " + needed).atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                return needed.entrySet().stream().allMatch(n -> committed.get(n.getKey()) != null
                        && committed.get(n.getKey()).offset() >= n.getValue());
            });
        }
    }
}
