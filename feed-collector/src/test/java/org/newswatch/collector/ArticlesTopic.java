package org.newswatch.collector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.newswatch.contracts.ArticleCollected;
import org.newswatch.contracts.EventJson;
import org.newswatch.contracts.Topics;
import org.newswatch.testkit.KafkaBroker;

/** Reads {@code news.articles.v1} on the test broker with a plain consumer, from the beginning to the end. */
public final class ArticlesTopic {

    /** A record as it came off the topic: key, headers and the event. */
    public record Published(String key, Map<String, String> headers, ArticleCollected article) {
    }

    private ArticlesTopic() {
    }

    /** Every record on the topic now. */
    public static List<Published> all() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            KafkaBroker.shared().createTopics(Topics.ARTICLES);
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(Topics.ARTICLES)) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<Published> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + Topics.ARTICLES + " to its end in 30 s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Map<String, String> headers = new java.util.HashMap<>();
                    record.headers().forEach(h -> headers.put(h.key(), new String(h.value())));
                    records.add(new Published(record.key(), headers,
                            EventJson.read(record.value(), ArticleCollected.class)));
                }
            }
            return records;
        }
    }

    /** The records published for one feed. */
    public static List<Published> ofFeed(String feedId) {
        return all().stream().filter(p -> p.article().feedId().equals(feedId)).toList();
    }
}
