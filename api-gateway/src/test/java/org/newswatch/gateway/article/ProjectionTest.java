package org.newswatch.gateway.article;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newswatch.contracts.ArticleClassified;
import org.newswatch.contracts.EventJson;
import org.newswatch.contracts.Topics;
import org.newswatch.gateway.testing.ClassifiedRecords;
import org.newswatch.gateway.testing.ClassifiedRecords.Story;
import org.newswatch.testkit.KafkaBroker;
import org.newswatch.testkit.WithTestInfrastructure;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The projection of news.classified.v1 through the real broker into the real database: idempotent under redelivery,
 * newer classifications replace older ones in place, one stream event per article, poison records to the DLQ.
 */
@QuarkusTest
@WithTestInfrastructure
class ProjectionTest {

    static final Duration PATIENCE = Duration.ofSeconds(60);
    static ClassifiedRecords records;

    @Inject
    DataSource dataSource;

    @BeforeAll
    static void connect() {
        records = ClassifiedRecords.onTestBroker();
    }

    @AfterAll
    static void disconnect() {
        records.close();
    }

    @Test
    void redeliveredRecordChangesNothing() throws SQLException {
        String id = "projection-" + UUID.randomUUID();
        Instant classified = Instant.parse("2026-11-20T10:00:00Z");
        ArticleClassified event = new Story(id).title("Sanctions against ICC judges").summary("The court responds")
                .classifiedAt(classified).topic(ClassifiedRecords.ICC, 0.91, true)
                .topic(ClassifiedRecords.JUDICIAL, 0.2, false).event();
        records.send(event);
        awaitRow(id, classified);
        // The same record three more times, as a redelivery after a crash would bring it.
        List<RecordMetadata> again = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            again.add(records.send(event));
        }
        ClassifiedRecords.awaitConsumed(PATIENCE, again.toArray(RecordMetadata[]::new));

        assertEquals(1, count("SELECT count(*) FROM article WHERE id = ?", id));
        assertEquals(2, count("SELECT count(*) FROM article_topic WHERE article_id = ?", id));
        assertEquals(1, count("SELECT count(*) FROM stream_event WHERE article_id = ?", id));
    }

    @Test
    void newerClassificationReplacesInPlaceAndOlderIsIgnored() throws SQLException {
        String id = "projection-" + UUID.randomUUID();
        Instant first = Instant.parse("2026-11-20T10:00:00Z");
        records.send(new Story(id).title("Judges under pressure").classifiedAt(first).classifierVersion("v1")
                .topic(ClassifiedRecords.JUDICIAL, 0.3, false).event());
        awaitRow(id, first);
        assertEquals(0, count("SELECT count(*) FROM stream_event WHERE article_id = ?", id));

        Instant second = first.plus(1, ChronoUnit.HOURS);
        records.send(new Story(id).title("Judges under pressure").classifiedAt(second).classifierVersion("v2")
                .topic(ClassifiedRecords.JUDICIAL, 0.8, true).topic("rule-of-law", 0.4, false).event());
        awaitRow(id, second);
        assertEquals(1, count("SELECT count(*) FROM article WHERE id = ? AND classifier_version = 'v2' AND flagged", id));
        assertEquals(2, count("SELECT count(*) FROM article_topic WHERE article_id = ?", id));
        assertEquals(1, count("SELECT count(*) FROM article_topic WHERE article_id = ? AND topic = ? AND flagged AND score = 0.8",
                id, ClassifiedRecords.JUDICIAL));
        assertEquals(1, count("SELECT count(*) FROM stream_event WHERE article_id = ?", id));

        // An older classification arriving late changes nothing.
        RecordMetadata late = records.send(new Story(id).title("Judges under pressure").classifiedAt(first)
                .classifierVersion("v0").topic(ClassifiedRecords.JUDICIAL, 0.1, false).event());
        ClassifiedRecords.awaitConsumed(PATIENCE, late);
        assertEquals(1, count("SELECT count(*) FROM article WHERE id = ? AND classifier_version = 'v2'", id));
        assertEquals(1, count("SELECT count(*) FROM stream_event WHERE article_id = ?", id));
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicUnchanged() throws SQLException {
        String badJson = "poison-" + UUID.randomUUID();
        byte[] notJson = ("{\"article\": " + badJson).getBytes(StandardCharsets.UTF_8);
        records.sendRaw(badJson, notJson);

        String wrongKey = "poison-" + UUID.randomUUID();
        String carried = "carried-" + UUID.randomUUID();
        byte[] otherArticle = EventJson.write(new Story(carried).title("Key mismatch").event());
        records.sendRaw(wrongKey, otherArticle);

        String invalid = "poison-" + UUID.randomUUID();
        byte[] scoreOutOfRange = new String(EventJson.write(new Story(invalid).title("Bad score")
                .topic(ClassifiedRecords.ICC, 0.5, false).event()), StandardCharsets.UTF_8)
                .replace("\"score\":0.5", "\"score\":1.5").getBytes(StandardCharsets.UTF_8);
        records.sendRaw(invalid, scoreOutOfRange);

        Map<String, ConsumerRecord<String, byte[]>> dead = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = deadLetterConsumer()) {
            await().atMost(PATIENCE).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    dead.put(record.key(), record);
                }
                return dead.keySet().containsAll(List.of(badJson, wrongKey, invalid));
            });
        }
        assertTrue(Arrays.equals(notJson, dead.get(badJson).value()), "the poison record is kept byte for byte");
        assertTrue(Arrays.equals(otherArticle, dead.get(wrongKey).value()));
        assertTrue(reason(dead.get(wrongKey)).contains("has key " + wrongKey), reason(dead.get(wrongKey)));
        assertTrue(reason(dead.get(invalid)).contains("not in [0, 1]"), reason(dead.get(invalid)));
        assertEquals(0, count("SELECT count(*) FROM article WHERE id IN (?, ?, ?)", badJson, carried, invalid));
    }

    private static String reason(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader("dead-letter-reason");
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static KafkaConsumer<String, byte[]> deadLetterConsumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.deadLetterOf(Topics.CLASSIFIED)));
        return consumer;
    }

    private void awaitRow(String id, Instant classifiedAt) {
        await().atMost(PATIENCE).until(() -> count("SELECT count(*) FROM article WHERE id = ? AND classified_at = ?", id,
                Timestamp.from(classifiedAt)) == 1);
    }

    long count(String sql, Object... params) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            List<Object> values = new ArrayList<>(List.of(params));
            for (int i = 0; i < values.size(); i++) {
                statement.setObject(i + 1, values.get(i));
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
