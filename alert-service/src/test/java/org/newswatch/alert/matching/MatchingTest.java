package org.newswatch.alert.matching;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
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
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newswatch.alert.article.ArticleRepository;
import org.newswatch.contracts.ArticleClassified;
import org.newswatch.contracts.EventJson;
import org.newswatch.contracts.Topics;
import org.newswatch.testkit.KafkaBroker;
import org.newswatch.testkit.WithTestInfrastructure;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/**
 * Matching through the real broker into the real database: what is recorded for which subscription, that a
 * redelivered record alerts once, and that poison records reach the dead-letter topic unchanged.
 */
@QuarkusTest
@WithTestInfrastructure
class MatchingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static ClassifiedRecords records;

    @Inject
    DataSource dataSource;

    @Inject
    ArticleRepository articles;

    @Inject
    MeterRegistry meters;

    @BeforeAll
    static void connect() {
        records = ClassifiedRecords.onTestBroker();
    }

    @AfterAll
    static void disconnect() {
        records.close();
    }

    private static String createSubscription(String owner, String body) {
        return given().header("Authorization", "Bearer test-service-key").header("X-Newswatch-Owner", owner)
                .contentType(ContentType.JSON).body(body).post("/api/v1/subscriptions")
                .then().statusCode(201).extract().path("id");
    }

    private static String webhook(String owner, String settings) {
        return createSubscription(owner, "{" + settings + (settings.isEmpty() ? "" : ",")
                + "\"channel\": {\"type\": \"webhook\", \"url\": \"http://127.0.0.1:9/" + owner + "\"}}");
    }

    private static String newArticleId() {
        return "test-" + UUID.randomUUID();
    }

    @Test
    void theSameRecordDeliveredTwiceRecordsOneDelivery() throws SQLException {
        String owner = "twice-" + UUID.randomUUID();
        String subscription = webhook(owner, "\"topics\": [\"icc-sanctions\"]");
        ArticleClassified event = Stories.classified(Stories.all().get(0), newArticleId(), 0.93, 0.2, Instant.now());

        RecordMetadata first = records.send(event);
        RecordMetadata second = records.send(event);
        assertEquals(first.partition(), second.partition(), "same key, same partition");
        records.awaitConsumed(List.of(first, second), PATIENCE);

        assertEquals(1, count("SELECT count(*) FROM delivery WHERE subscription_id = ?::uuid AND article_id = ?",
                subscription, event.article().id()));
        assertEquals(1, count("SELECT count(*) FROM article WHERE id = ?", event.article().id()));
        assertEquals(event, articles.find(event.article().id()).orElseThrow(), "the whole event is stored");
    }

    @Test
    void recordsOneDeliveryPerMatchingSubscriptionWithItsChannel() throws SQLException {
        String owner = "channels-" + UUID.randomUUID();
        String hook = webhook(owner, "\"topics\": [\"icc-sanctions\"], \"languages\": [\"fr\"]");
        String english = webhook(owner, "\"topics\": [\"icc-sanctions\"], \"languages\": [\"en\"]");
        String highBar = webhook(owner, "\"topics\": [\"icc-sanctions\"], \"minScore\": 0.95");
        String otherTopic = webhook(owner, "\"topics\": [\"judicial-independence\"]");
        String keyword = webhook(owner, "\"topics\": [\"icc-sanctions\"], \"keywords\": [\"\\\"statut de rome\\\"\"]");
        String missingKeyword = webhook(owner, "\"topics\": [\"icc-sanctions\"], \"keywords\": [\"Washington\"]");
        String paused = webhook(owner, "\"topics\": [\"icc-sanctions\"]");
        given().header("Authorization", "Bearer test-service-key").header("X-Newswatch-Owner", owner)
                .post("/api/v1/subscriptions/" + paused + "/pause").then().statusCode(200);
        String unconfirmed = createSubscription(owner, """
                {"topics": ["icc-sanctions"], "channel": {"type": "email", "address": "unconfirmed@example.org"}}""");
        String confirmed = createSubscription(owner, """
                {"topics": ["icc-sanctions"], "channel": {"type": "email", "address": "confirmed@example.org"}}""");
        String unsubscribed = createSubscription(owner, """
                {"topics": ["icc-sanctions"], "channel": {"type": "email", "address": "gone@example.org"}}""");
        String digest = createSubscription(owner, """
                {"topics": ["icc-sanctions"], "channel": {"type": "email", "address": "confirmed@example.org"},
                 "mode": "digest", "digest": {"frequency": "daily", "hour": 9, "timeZone": "Europe/Paris"}}""");
        execute("UPDATE subscriber SET confirmed_at = now() WHERE owner = ? AND email IN (?, ?)", owner,
                "confirmed@example.org", "gone@example.org");
        execute("UPDATE subscriber SET unsubscribed_at = now() WHERE owner = ? AND email = ?", owner, "gone@example.org");

        // Story 1: French, about sanctions against the ICC and the Rome Statute.
        Instant matchedAround = Instant.now();
        ArticleClassified event = Stories.classified(Stories.all().get(1), newArticleId(), 0.9, 0.3, Instant.now());
        records.awaitConsumed(List.of(records.send(event)), PATIENCE);

        Map<String, String> channels = deliveriesOf(owner, event.article().id());
        assertEquals(Map.of(hook, "webhook", keyword, "webhook", confirmed, "email", digest, "email"), channels,
                "french webhook, phrase keyword, confirmed e-mail, digest; not english, above 0.95, other topic, "
                        + "missing keyword, paused, unconfirmed or unsubscribed address");
        for (String refused : List.of(english, highBar, otherTopic, missingKeyword, paused, unconfirmed, unsubscribed)) {
            assertFalse(channels.containsKey(refused));
        }

        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT subscription_id::text, digest_at, next_attempt_at, state FROM delivery WHERE article_id = ?")) {
            s.setString(1, event.article().id());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    assertEquals("pending", rs.getString(4));
                    if (rs.getString(1).equals(digest)) {
                        Instant digestAt = rs.getTimestamp(2).toInstant();
                        ZonedDateTime paris = digestAt.atZone(ZoneId.of("Europe/Paris"));
                        assertEquals(9, paris.getHour());
                        assertEquals(0, paris.getMinute());
                        assertTrue(digestAt.isAfter(matchedAround), "the next 9 o'clock in Paris");
                        assertTrue(digestAt.isBefore(matchedAround.plus(Duration.ofHours(25))));
                        assertEquals(digestAt, rs.getTimestamp(3).toInstant(), "due when the digest is sent");
                    } else if (channels.containsKey(rs.getString(1))) {
                        assertNull(rs.getTimestamp(2), "immediate");
                        assertTrue(rs.getTimestamp(3).toInstant().isBefore(Instant.now().plusSeconds(1)), "due now");
                    }
                }
            }
        }
    }

    @Test
    void aChangedSubscriptionIsMatchedWithItsNewSettings() throws SQLException {
        String owner = "changed-" + UUID.randomUUID();
        String subscription = webhook(owner, "\"topics\": [\"icc-sanctions\"], \"keywords\": [\"Washington\"]");
        Stories.Story reuters = Stories.all().get(0);
        ArticleClassified first = Stories.classified(reuters, newArticleId(), 0.9, 0.1, Instant.now());
        records.awaitConsumed(List.of(records.send(first)), PATIENCE);
        assertEquals(Map.of(subscription, "webhook"), deliveriesOf(owner, first.article().id()));

        patch(owner, subscription, "{\"keywords\": [\"Kinshasa\"]}");
        ArticleClassified second = Stories.classified(reuters, newArticleId(), 0.9, 0.1, Instant.now());
        records.awaitConsumed(List.of(records.send(second)), PATIENCE);
        assertEquals(Map.of(), deliveriesOf(owner, second.article().id()));

        patch(owner, subscription, "{\"keywords\": [\"Treasury\"], \"minScore\": 0.95}");
        ArticleClassified third = Stories.classified(reuters, newArticleId(), 0.9, 0.1, Instant.now());
        ArticleClassified fourth = Stories.classified(reuters, newArticleId(), 0.96, 0.1, Instant.now());
        records.awaitConsumed(List.of(records.send(third), records.send(fourth)), PATIENCE);
        assertEquals(Map.of(), deliveriesOf(owner, third.article().id()), "below the new minimum score");
        assertEquals(Map.of(subscription, "webhook"), deliveriesOf(owner, fourth.article().id()));
    }

    @Test
    void aLockedDatabaseIsWaitedOutAndNeverDeadLettered() throws Exception {
        String owner = "locked-" + UUID.randomUUID();
        String subscription = webhook(owner, "\"topics\": [\"icc-sanctions\"]");
        ArticleClassified event = Stories.classified(Stories.all().get(6), newArticleId(), 0.85, 0.2, Instant.now());
        double retriesBefore = retries();
        RecordMetadata sent;
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            // Blocks inserts into delivery: matching times out on the lock (55P03), which is transient.
            lock.createStatement().execute("LOCK TABLE delivery IN SHARE ROW EXCLUSIVE MODE");
            sent = records.send(event);
            await().atMost(PATIENCE).until(() -> retries() >= retriesBefore + 2);
            assertEquals(0, count("SELECT count(*) FROM delivery WHERE article_id = ?", event.article().id()));
            lock.rollback();
        }
        records.awaitConsumed(List.of(sent), PATIENCE);
        assertEquals(Map.of(subscription, "webhook"), deliveriesOf(owner, event.article().id()));
        assertFalse(records.deadLetterKeys().contains(event.article().id()), "a transient failure reached the dead-letter topic");
    }

    private double retries() {
        return meters.find("ft.retry.retries.total").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static void patch(String owner, String id, String body) {
        given().header("Authorization", "Bearer test-service-key").header("X-Newswatch-Owner", owner)
                .contentType(ContentType.JSON).body(body).patch("/api/v1/subscriptions/" + id).then().statusCode(200);
    }

    @Test
    void anUnflaggedArticleIsStoredButAlertsNobody() throws SQLException {
        String owner = "unflagged-" + UUID.randomUUID();
        webhook(owner, "\"topics\": [\"icc-sanctions\", \"judicial-independence\"], \"minScore\": 0");
        ArticleClassified event = Stories.classified(Stories.all().get(2), newArticleId(), 0.1, 0.4, Instant.now());
        assertFalse(event.classification().flagged());
        records.awaitConsumed(List.of(records.send(event)), PATIENCE);
        assertEquals(1, count("SELECT count(*) FROM article WHERE id = ? AND NOT flagged", event.article().id()));
        assertEquals(Map.of(), deliveriesOf(owner, event.article().id()));
    }

    @Test
    void aNewerClassificationReplacesTheStoredOneAndAnOlderDoesNot() throws SQLException {
        Instant now = Instant.now();
        String id = newArticleId();
        ArticleClassified older = Stories.classified(Stories.all().get(3), id, 0.2, 0.3, now.minusSeconds(60));
        ArticleClassified newer = Stories.classified(Stories.all().get(3), id, 0.2, 0.8, now);
        records.awaitConsumed(List.of(records.send(newer), records.send(older)), PATIENCE);
        assertEquals(newer, articles.find(id).orElseThrow());
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicUnchangedAndConsumptionGoesOn() throws SQLException {
        String owner = "poison-" + UUID.randomUUID();
        String subscription = webhook(owner, "\"topics\": [\"judicial-independence\"]");
        byte[] notJson = "{\"article\": {\"id\": \"half".getBytes(StandardCharsets.UTF_8);
        ArticleClassified valid = Stories.classified(Stories.all().get(5), newArticleId(), 0.1, 0.9, Instant.now());
        byte[] badScore = new String(EventJson.write(valid), StandardCharsets.UTF_8)
                .replace("\"score\":0.9", "\"score\":1.7").getBytes(StandardCharsets.UTF_8);
        String poisonKey = "poison-" + UUID.randomUUID();
        String mismatchKey = "mismatch-" + UUID.randomUUID();

        // All on one partition, followed by a good record: the poison must not block it.
        List<RecordMetadata> sent = new ArrayList<>();
        sent.add(records.sendRaw(3, poisonKey, notJson));
        sent.add(records.sendRaw(3, poisonKey, badScore));
        sent.add(records.sendRaw(3, poisonKey, null));
        sent.add(records.sendRaw(3, mismatchKey, EventJson.write(valid)));
        sent.add(records.sendTo(3, valid));
        records.awaitConsumed(sent, PATIENCE);
        assertEquals(Map.of(subscription, "webhook"), deliveriesOf(owner, valid.article().id()));

        Map<String, List<ConsumerRecord<String, byte[]>>> dead = readDeadLetters(List.of(poisonKey, mismatchKey), 4);
        List<ConsumerRecord<String, byte[]>> poison = dead.get(poisonKey);
        assertEquals(3, poison.size());
        assertEquals(new String(notJson, StandardCharsets.UTF_8), new String(poison.get(0).value(), StandardCharsets.UTF_8));
        assertTrue(header(poison.get(0), "dead-letter-reason").contains("not a valid ArticleClassified"),
                header(poison.get(0), "dead-letter-reason"));
        assertEquals(Topics.CLASSIFIED, header(poison.get(0), "dead-letter-topic"));
        assertEquals(String.valueOf(sent.get(0).offset()), header(poison.get(0), "dead-letter-offset"));
        assertEquals(new String(badScore, StandardCharsets.UTF_8), new String(poison.get(1).value(), StandardCharsets.UTF_8));
        assertTrue(header(poison.get(1), "dead-letter-reason").contains("not in [0, 1]"),
                header(poison.get(1), "dead-letter-reason"));
        assertNull(poison.get(2).value());
        assertTrue(header(poison.get(2), "dead-letter-reason").contains("has no value"));
        assertTrue(header(dead.get(mismatchKey).get(0), "dead-letter-reason").contains("carries article"));
    }

    private Map<String, List<ConsumerRecord<String, byte[]>>> readDeadLetters(List<String> keys, int expected) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, List<ConsumerRecord<String, byte[]>>> found = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.deadLetterOf(Topics.CLASSIFIED)));
            await().atMost(PATIENCE).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (keys.contains(record.key())) {
                        found.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record);
                    }
                }
                return found.values().stream().mapToInt(List::size).sum() >= expected;
            });
        }
        found.values().forEach(list -> list.sort((a, b) -> Long.compare(
                Long.parseLong(header(a, "dead-letter-offset")), Long.parseLong(header(b, "dead-letter-offset")))));
        return found;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertNotNull(header, "header " + name);
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    /** subscription id → channel of the deliveries of {@code owner}'s subscriptions for one article. */
    private Map<String, String> deliveriesOf(String owner, String articleId) throws SQLException {
        Map<String, String> deliveries = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT d.subscription_id::text, d.channel FROM delivery d JOIN subscription s ON s.id = d.subscription_id
                 WHERE s.owner = ? AND d.article_id = ?""")) {
            s.setString(1, owner);
            s.setString(2, articleId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    assertNull(deliveries.put(rs.getString(1), rs.getString(2)), "two deliveries for one subscription");
                }
            }
        }
        return deliveries;
    }

    private long count(String sql, String... parameters) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void execute(String sql, String... parameters) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            s.executeUpdate();
        }
    }
}
