package org.newswatch.collector.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.newswatch.contracts.ArticleCollected;
import org.newswatch.contracts.EventSerializer;
import org.newswatch.contracts.Topics;

import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Sends {@link ArticleCollected} events to {@link Topics#ARTICLES}, keyed by article id, with CloudEvents headers,
 * and says which ones the broker acknowledged. A plain Kafka producer rather than a Reactive Messaging emitter: the
 * caller must know, record by record and within a bound, what the broker has durably taken ({@code acks=all},
 * idempotence on) before it marks anything seen, and the same class runs in the benchmark without Quarkus.
 */
@ApplicationScoped
public class ArticlePublisher implements AutoCloseable {

    /** What the broker took: acknowledged articles in send order, and the first failure (null when none). */
    public record Delivery(List<ArticleCollected> acknowledged, Exception failure) {
    }

    private static final int LINGER_MS = 20;

    private final Producer<String, Object> producer;
    private final PublishConfig config;
    private final String topic;

    @Inject
    public ArticlePublisher(@Identifier("default-kafka-broker") Map<String, Object> kafka, PublishConfig config) {
        this(new KafkaProducer<>(producerConfig(kafka, config)), config, Topics.ARTICLES);
    }

    /** A publisher to another topic than {@link Topics#ARTICLES}: the benchmark warms its JVM up on one. */
    public ArticlePublisher(Producer<String, Object> producer, PublishConfig config, String topic) {
        this.producer = producer;
        this.config = config;
        this.topic = topic;
    }

    /**
     * The producer settings: the application's Kafka connection ({@code kafka.*}) plus what "never lose, never
     * duplicate within a session" needs.
     */
    public static Map<String, Object> producerConfig(Map<String, Object> kafka, PublishConfig config) {
        Map<String, Object> settings = new HashMap<>();
        kafka.forEach((key, value) -> {
            // Only client settings; Quarkus adds its own keys (e.g. health) to the shared map.
            if (ProducerConfig.configNames().contains(key) || key.startsWith("sasl.") || key.startsWith("ssl.")
                    || key.startsWith("security.")) {
                settings.put(key, value);
            }
        });
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        // A poll waits for its acknowledgements anyway: lingering lets the batches of concurrent polls share produce
        // requests, which cost the broker and the producer about a third less CPU per article than 5 ms did in the
        // farm benchmark. lz4 was cheaper for both there than no compression or zstd.
        settings.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        long delivery = config.deliveryTimeout().toMillis();
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) delivery);
        // Kafka wants delivery >= linger + request timeout.
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1000, delivery - LINGER_MS));
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, config.metadataTimeout().toMillis());
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "feed-collector-articles");
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, EventSerializer.class.getName());
        return settings;
    }

    /**
     * Sends the articles in order and waits for the broker's acknowledgements. After the first failure nothing
     * more is sent: the rest will be retried by the next poll anyway, and a broker that is down would make every
     * further send wait for the metadata timeout.
     */
    public Delivery publish(List<ArticleCollected> articles) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(articles.size());
        Exception failure = null;
        for (ArticleCollected article : articles) {
            ProducerRecord<String, Object> record = new ProducerRecord<>(topic, article.id(), article);
            article.cloudEvent(config.eventSource()).writeTo(record.headers());
            Future<RecordMetadata> future;
            try {
                future = producer.send(record);
            } catch (RuntimeException e) {
                failure = e;
                break;
            }
            sent.add(future);
            if (future.isDone() && failed(future)) {
                break;
            }
        }
        List<ArticleCollected> acknowledged = new ArrayList<>(sent.size());
        long deadline = System.nanoTime() + config.deliveryTimeout().plusSeconds(5).toNanos();
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged.add(articles.get(i));
            } catch (ExecutionException e) {
                failure = failure != null ? failure : e.getCause() instanceof Exception cause ? cause : e;
            } catch (TimeoutException e) {
                failure = failure != null ? failure : e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure != null ? failure : e;
                break;
            }
        }
        return new Delivery(acknowledged, failure);
    }

    private static boolean failed(Future<?> future) {
        try {
            future.get();
            return false;
        } catch (ExecutionException | InterruptedException e) {
            return true;
        }
    }

    /** How long the producer may take to give up on the broker, for leases that must outlast a publish. */
    public Duration worstCase() {
        return config.metadataTimeout().plus(config.deliveryTimeout()).plusSeconds(5);
    }

    @PreDestroy
    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
