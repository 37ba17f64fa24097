package org.newswatch.classifier.pipeline;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newswatch.contracts.ArticleClassified;
import org.newswatch.contracts.ArticleCollected;
import org.newswatch.contracts.CloudEventAttributes;
import org.newswatch.contracts.EventJson;
import org.newswatch.contracts.EventTypes;
import org.newswatch.contracts.TopicScore;
import org.newswatch.contracts.Topics;
import org.newswatch.testkit.KafkaBroker;
import org.newswatch.testkit.WithTestInfrastructure;

import io.quarkus.test.junit.QuarkusTest;

/** The pipeline on the real broker: articles in, classified events out, poison records to the dead-letter topic. */
@QuarkusTest
@WithTestInfrastructure(database = false)
class ClassifierPipelineTest {

    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void connect() {
        KafkaBroker.shared().createTopics(Topics.ARTICLES, Topics.CLASSIFIED, Topics.deadLetterOf(Topics.ARTICLES));
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    @Test
    void classifiesAnArticleOntoTheClassifiedTopicWithCloudEventsHeaders() throws Exception {
        ArticleCollected article = article("US sanctions International Criminal Court judges over Afghanistan probe",
                "The Treasury froze the assets of four judges of the Hague-based court.");
        send(article.id(), EventJson.write(article));

        ConsumerRecord<String, byte[]> record = awaitRecord(Topics.CLASSIFIED, r -> article.id().equals(r.key()));
        ArticleClassified classified = EventJson.read(record.value(), ArticleClassified.class);
        assertEquals(article, classified.article());
        assertEquals("en", classified.classification().language());
        TopicScore sanctions = topic(classified, "icc-sanctions");
        assertTrue(sanctions.flagged(), "icc-sanctions flagged: " + sanctions);
        assertFalse(sanctions.evidence().isEmpty());
        assertTrue(classified.classification().flagged());

        CloudEventAttributes ce = CloudEventAttributes.readFrom(record.headers());
        assertEquals(article.id() + "@" + classified.classification().classifierVersion(), ce.id());
        assertEquals(EventTypes.ARTICLE_CLASSIFIED, ce.type());
        assertEquals("urn:newswatch:classifier-service", ce.source());
    }

    @Test
    void anUnflaggedArticleIsPublishedToo() throws Exception {
        ArticleCollected article = article("Local bakery wins regional bread award", "The jury praised its sourdough.");
        send(article.id(), EventJson.write(article));

        ArticleClassified classified = EventJson.read(
                awaitRecord(Topics.CLASSIFIED, r -> article.id().equals(r.key())).value(), ArticleClassified.class);
        assertFalse(classified.classification().flagged());
        assertEquals(List.of("icc-sanctions", "judicial-independence"),
                classified.classification().topics().stream().map(TopicScore::topic).toList());
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndThePipelineGoesOn() throws Exception {
        String garbageKey = "poison-" + UUID.randomUUID();
        byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);
        send(garbageKey, garbage);
        String invalidKey = "invalid-" + UUID.randomUUID();
        byte[] invalid = "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8); // no feedId, no dates
        send(invalidKey, invalid);
        String tombstoneKey = "tombstone-" + UUID.randomUUID();
        send(tombstoneKey, null);
        ArticleCollected after = article("Judges warn of threats to judicial independence", "");
        send(after.id(), EventJson.write(after));

        String dlq = Topics.deadLetterOf(Topics.ARTICLES);
        ConsumerRecord<String, byte[]> deadGarbage = awaitRecord(dlq, r -> garbageKey.equals(r.key()));
        assertArrayEquals(garbage, deadGarbage.value(), "the poison record's bytes are kept as they were");
        assertTrue(header(deadGarbage, "dead-letter-reason").contains("malformed JSON"),
                "reason: " + header(deadGarbage, "dead-letter-reason"));
        ConsumerRecord<String, byte[]> deadInvalid = awaitRecord(dlq, r -> invalidKey.equals(r.key()));
        assertArrayEquals(invalid, deadInvalid.value());
        assertTrue(header(deadInvalid, "dead-letter-reason").contains("feedId is missing"),
                "reason: " + header(deadInvalid, "dead-letter-reason"));
        ConsumerRecord<String, byte[]> deadTombstone = awaitRecord(dlq, r -> tombstoneKey.equals(r.key()));
        assertTrue(header(deadTombstone, "dead-letter-reason").contains("no ArticleCollected value"),
                "reason: " + header(deadTombstone, "dead-letter-reason"));

        ArticleClassified classified = EventJson.read(
                awaitRecord(Topics.CLASSIFIED, r -> after.id().equals(r.key())).value(), ArticleClassified.class);
        assertTrue(topic(classified, "judicial-independence").flagged());
    }

    @Test
    void theSameArticleTwiceGivesTheSameClassificationAndEventId() throws Exception {
        ArticleCollected article = article("La CPI dénonce les sanctions américaines contre ses juges",
                "La Cour pénale internationale condamne le gel des avoirs de quatre magistrats.");
        send(article.id(), EventJson.write(article));
        send(article.id(), EventJson.write(article));

        List<ConsumerRecord<String, byte[]>> records = awaitRecords(Topics.CLASSIFIED,
                r -> article.id().equals(r.key()), 2);
        ArticleClassified first = EventJson.read(records.get(0).value(), ArticleClassified.class);
        ArticleClassified second = EventJson.read(records.get(1).value(), ArticleClassified.class);
        assertEquals(first.classification(), second.classification());
        assertEquals(first.article(), second.article());
        assertEquals(CloudEventAttributes.readFrom(records.get(0).headers()).id(),
                CloudEventAttributes.readFrom(records.get(1).headers()).id());
        assertEquals("fr", first.classification().language());
        assertTrue(topic(first, "icc-sanctions").flagged());
    }

    static ArticleCollected article(String title, String summary) {
        String id = "a-" + UUID.randomUUID();
        Instant now = Instant.parse("2025-06-05T10:00:00Z");
        return new ArticleCollected(id, "feed-1", "https://news.example/feed.xml", "Example News",
                "https://news.example/" + id, "https://news.example/" + id, null, title, summary, "", null, null,
                List.of(), now, null, now);
    }

    private static void send(String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(Topics.ARTICLES, key, value)).get();
    }

    private static TopicScore topic(ArticleClassified classified, String topic) {
        return classified.classification().topics().stream().filter(t -> t.topic().equals(topic)).findFirst()
                .orElseThrow();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertNotNull(header, "header " + name + " on the dead-letter record");
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static ConsumerRecord<String, byte[]> awaitRecord(String topic, Predicate<ConsumerRecord<String, byte[]>> wanted) {
        return awaitRecords(topic, wanted, 1).get(0);
    }

    /** Reads {@code topic} from the beginning until {@code count} records match. */
    private static List<ConsumerRecord<String, byte[]>> awaitRecords(String topic,
            Predicate<ConsumerRecord<String, byte[]>> wanted, int count) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (wanted.test(record)) {
                        found.add(record);
                    }
                }
                return found.size() >= count;
            });
        }
        return found;
    }
}
