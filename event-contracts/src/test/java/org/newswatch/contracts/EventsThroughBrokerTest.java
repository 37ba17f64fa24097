package org.newswatch.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newswatch.testkit.KafkaBroker;

/** Each event goes through the real broker, with its CloudEvents headers, and reads back equal. */
class EventsThroughBrokerTest {

    private static KafkaBroker broker;

    @BeforeAll
    static void createTopics() {
        broker = KafkaBroker.shared();
        broker.createTopics(Topics.ARTICLES, Topics.CLASSIFIED);
    }

    @Test
    void articleCollectedTravelsWithItsAttributes() {
        ArticleCollected event = Events.collected();
        var received = sendAndReceive(Topics.ARTICLES, event.id(), event, event.cloudEvent("/feed-collector"),
                new EventDeserializer.ArticleCollectedDeserializer());
        assertEquals(event, received.value());
        assertEquals(event.id(), received.key());
        CloudEventAttributes attributes = CloudEventAttributes.readFrom(received.headers());
        assertEquals(event.cloudEvent("/feed-collector"), attributes);
        assertEquals(EventTypes.ARTICLE_COLLECTED, attributes.type());
        assertEquals(CloudEventAttributes.CONTENT_TYPE,
                new String(received.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8));
    }

    @Test
    void articleClassifiedTravelsWithItsAttributes() {
        ArticleClassified event = Events.classified();
        var received = sendAndReceive(Topics.CLASSIFIED, event.article().id(), event,
                event.cloudEvent("/classifier-service"), new EventDeserializer.ArticleClassifiedDeserializer());
        assertEquals(event, received.value());
        assertEquals("a1b2c3@rules-1.0.0", CloudEventAttributes.readFrom(received.headers()).id());
    }

    private static <T> ConsumerRecord<String, T> sendAndReceive(String topic, String key, T event,
            CloudEventAttributes attributes, Deserializer<T> deserializer) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new EventSerializer())) {
            var record = new ProducerRecord<String, Object>(topic, key, event);
            attributes.writeTo(record.headers());
            producer.send(record).get();
        } catch (Exception e) {
            throw new AssertionError("broker did not acknowledge the " + topic + " record", e);
        }
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "contract-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), deserializer)) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, T>> found = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (found.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.key().equals(key)) {
                        found.add(r);
                    }
                });
            }
            if (found.isEmpty()) {
                throw new AssertionError("record " + key + " did not come back from " + topic + " within 30 s");
            }
            return found.get(0);
        }
    }
}
