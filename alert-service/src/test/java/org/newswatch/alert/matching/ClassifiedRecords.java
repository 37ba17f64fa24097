package org.newswatch.alert.matching;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.newswatch.contracts.ArticleClassified;
import org.newswatch.contracts.EventJson;
import org.newswatch.contracts.Topics;
import org.newswatch.testkit.ConsumerGroups;
import org.newswatch.testkit.KafkaBroker;

/**
 * Publishes to {@code news.classified.v1} on the test broker as the classifier does (JSON value, CloudEvents
 * headers, article id as key), and waits until the alert service has committed past given records — which
 * it does only after their deliveries are stored.
 */
public final class ClassifiedRecords implements AutoCloseable {

    public static final String GROUP = "alert-service";

    private final String bootstrapServers;
    private final KafkaProducer<String, byte[]> producer;

    public ClassifiedRecords(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    public static ClassifiedRecords onTestBroker() {
        KafkaBroker broker = KafkaBroker.shared();
        broker.createTopics(Topics.CLASSIFIED, Topics.deadLetterOf(Topics.CLASSIFIED));
        return new ClassifiedRecords(broker.bootstrapServers());
    }

    public RecordMetadata send(ArticleClassified event) {
        return sendTo(null, event);
    }

    /** Sends to one partition, or to the key's partition when {@code partition} is null. */
    public RecordMetadata sendTo(Integer partition, ArticleClassified event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.CLASSIFIED, partition, event.article().id(),
                EventJson.write(event));
        event.cloudEvent("newswatch-test").writeTo(record.headers());
        return get(producer.send(record));
    }

    public RecordMetadata sendRaw(Integer partition, String key, byte[] value) {
        return get(producer.send(new ProducerRecord<>(Topics.CLASSIFIED, partition, key, value)));
    }

    /** Sends without waiting for each acknowledgement; {@link #flush} before relying on them. */
    public java.util.concurrent.Future<RecordMetadata> sendAsync(ArticleClassified event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.CLASSIFIED, event.article().id(),
                EventJson.write(event));
        event.cloudEvent("newswatch-test").writeTo(record.headers());
        return producer.send(record);
    }

    public void flush() {
        producer.flush();
    }

    /** Waits until the alert service's consumer group has committed an offset past every given record. */
    public void awaitConsumed(List<RecordMetadata> records, Duration atMost) {
        ConsumerGroups.awaitCommittedPast(bootstrapServers, GROUP, records, atMost);
    }

    /** The keys of every record on the dead-letter topic so far. */
    public List<String> deadLetterKeys() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.deadLetterOf(Topics.CLASSIFIED)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> keys.add(record.key()));
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
        }
        return keys;
    }

    private static RecordMetadata get(java.util.concurrent.Future<RecordMetadata> sent) {
        try {
            return sent.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the test broker refused a record", e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
