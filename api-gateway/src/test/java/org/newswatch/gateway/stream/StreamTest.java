package org.newswatch.gateway.stream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newswatch.gateway.testing.ClassifiedRecords;
import org.newswatch.gateway.testing.ClassifiedRecords.Story;
import org.newswatch.gateway.testing.Keys;
import org.newswatch.gateway.testing.SseClient;
import org.newswatch.testkit.WithTestInfrastructure;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.restassured.RestAssured;
import jakarta.inject.Inject;

/**
 * GET /api/v1/stream with a real SSE client over real HTTP: flagged articles arrive live and unflagged ones never,
 * Last-Event-ID replays exactly what was missed, heartbeats flow, the topic filter holds, keys are required.
 */
@QuarkusTest
@WithTestInfrastructure
class StreamTest {

    static final Duration PATIENCE = Duration.ofSeconds(60);
    static ClassifiedRecords records;
    static String reader;

    @Inject
    DataSource dataSource;

    @Inject
    FlaggedStream stream;

    // Once per class, but after Quarkus pointed REST Assured at the application (it does so before each test).
    @BeforeEach
    void connect() {
        if (reader != null) {
            return;
        }
        records = ClassifiedRecords.onTestBroker();
        reader = Keys.newReader();
    }

    @AfterAll
    static void disconnect() {
        records.close();
    }

    static URI stream(String query) {
        return URI.create("http://localhost:" + RestAssured.port + "/api/v1/stream" + (query == null ? "" : "?" + query));
    }

    static SseClient open(String query, String lastEventId) {
        SseClient client = SseClient.connect(stream(query), reader, lastEventId);
        await().atMost(PATIENCE).until(client::connected);
        return client;
    }

    static Story flagged(String topic) {
        String id = "stream-" + UUID.randomUUID();
        return new Story(id).title("Flagged story " + id).summary("About " + topic).topic(topic, 0.9, true);
    }

    @Test
    void flaggedArticleArrivesLiveUnflaggedNever() {
        try (SseClient client = open(null, null)) {
            Story unflagged = new Story("stream-" + UUID.randomUUID()).title("Nothing to see")
                    .topic(ClassifiedRecords.ICC, 0.1, false);
            RecordMetadata quiet = records.send(unflagged.event());
            Story story = flagged(ClassifiedRecords.ICC);
            records.send(story.event());
            await().atMost(PATIENCE).until(() -> client.received(story.id()));
            SseClient.Event event = client.events().stream().filter(e -> e.data().contains(story.id())).findFirst()
                    .orElseThrow();
            assertEquals(StreamResource.EVENT_NAME, event.name());
            assertTrue(Long.parseLong(event.id()) > 0);
            assertTrue(event.data().contains("\"evidence\":[{\"field\":\"title\""), event.data());
            assertTrue(event.data().contains("\"flagged\":true"), event.data());

            // Once the unflagged record is surely stored, and a later flagged one has arrived, it was never sent.
            ClassifiedRecords.awaitConsumed(PATIENCE, quiet);
            Story after = flagged(ClassifiedRecords.ICC);
            records.send(after.event());
            await().atMost(PATIENCE).until(() -> client.received(after.id()));
            assertFalse(client.received(unflagged.id()));
        }
    }

    @Test
    void resumeWithLastEventIdReplaysExactlyTheMissedOnes() throws SQLException {
        String lastId;
        try (SseClient first = open(null, null)) {
            Story seen = flagged(ClassifiedRecords.ICC);
            records.send(seen.event());
            await().atMost(PATIENCE).until(() -> first.received(seen.id()));
            List<SseClient.Event> events = first.events();
            lastId = events.get(events.size() - 1).id();
        }
        // Missed while away: two flagged stories and an unflagged one.
        Story missed1 = flagged(ClassifiedRecords.ICC);
        Story missed2 = flagged(ClassifiedRecords.JUDICIAL);
        Story unflagged = new Story("stream-" + UUID.randomUUID()).title("Quiet").topic(ClassifiedRecords.ICC, 0.2, false);
        RecordMetadata quiet = records.send(unflagged.event());
        records.send(missed1.event());
        records.send(missed2.event());
        await().atMost(PATIENCE).until(() -> streamed(missed1.id()) && streamed(missed2.id()));
        ClassifiedRecords.awaitConsumed(PATIENCE, quiet);
        List<Long> expected = seqsAfter(Long.parseLong(lastId));

        try (SseClient resumed = open(null, lastId)) {
            await().atMost(PATIENCE).until(() -> resumed.events().size() >= expected.size());
            List<Long> replayed = resumed.events().stream().map(e -> Long.parseLong(e.id())).toList();
            assertEquals(expected, replayed.subList(0, expected.size()), "replayed in order, each once");
            assertTrue(resumed.received(missed1.id()) && resumed.received(missed2.id()));
            assertFalse(resumed.received(unflagged.id()));
            assertTrue(replayed.stream().allMatch(id -> id > Long.parseLong(lastId)), "nothing before Last-Event-ID");

            // And it carries on live.
            Story live = flagged(ClassifiedRecords.ICC);
            records.send(live.event());
            await().atMost(PATIENCE).until(() -> resumed.received(live.id()));
            assertEquals(resumed.events().size(), resumed.events().stream().map(SseClient.Event::id).distinct().count());
        }
    }

    @Test
    void lastEventIdBeyondTheNewestHoldsNothingBack() {
        try (SseClient client = open(null, "999999999")) {
            Story story = flagged(ClassifiedRecords.ICC);
            records.send(story.event());
            await().atMost(PATIENCE).until(() -> client.received(story.id()));
        }
    }

    @Test
    void heartbeatsKeepTheStreamAlive() {
        try (SseClient client = open(null, null)) {
            await().atMost(PATIENCE).until(() -> client.comments().contains("heartbeat"));
        }
    }

    @Test
    void topicFilterHolds() {
        try (SseClient judicial = open("topic=" + ClassifiedRecords.JUDICIAL, null)) {
            Story icc = flagged(ClassifiedRecords.ICC);
            Story courts = flagged(ClassifiedRecords.JUDICIAL);
            records.send(icc.event());
            await().atMost(PATIENCE).until(() -> streamed(icc.id()));
            records.send(courts.event());
            await().atMost(PATIENCE).until(() -> judicial.received(courts.id()));
            assertFalse(judicial.received(icc.id()));
        }
    }

    @Test
    void clientThatDoesNotReadIsDroppedWithoutHoldingBackOthers() {
        String topic = "slow-" + UUID.randomUUID().toString().substring(0, 8);
        AssertSubscriber<StreamEvent> stalled = stream.subscribe(null, Set.of(topic)).subscribe()
                .withSubscriber(AssertSubscriber.create(0));
        AssertSubscriber<StreamEvent> reading = stream.subscribe(null, Set.of(topic)).subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        // Both registered: each got its opening item (the stalled one keeps it in its buffer).
        await().atMost(PATIENCE).until(() -> reading.getItems().size() == 1);
        // More than the stalled client's buffer: client-buffer (16) + max-replay (50) in the test profile.
        int burst = 80;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < burst; i++) {
            Story story = flagged(topic);
            ids.add(story.id());
            records.sendAsync(story.event());
        }
        records.flush();
        await().atMost(PATIENCE).until(() -> reading.getItems().size() == burst + 1);
        stalled.awaitFailure(PATIENCE);
        reading.assertNotTerminated();
        List<String> received = reading.getItems().stream().skip(1).map(StreamEvent::json)
                .map(json -> json.substring(json.indexOf("\"id\":\"") + 6, json.indexOf('"', json.indexOf("\"id\":\"") + 6)))
                .toList();
        assertEquals(Set.copyOf(ids), Set.copyOf(received));
        reading.cancel();
    }

    @Test
    void refusals() {
        given().when().get("/api/v1/stream").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", reader).header("Last-Event-ID", "yesterday").when().get("/api/v1/stream")
                .then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", reader).queryParam("topics", "x").when().get("/api/v1/stream")
                .then().statusCode(400).contentType("application/problem+json");
        SseClient anonymous = SseClient.connect(stream(null), null, null);
        await().atMost(PATIENCE).until(() -> anonymous.status() != null);
        assertEquals(401, anonymous.status());
        anonymous.close();
    }

    private boolean streamed(String articleId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT 1 FROM stream_event WHERE article_id = ? AND seq IS NOT NULL")) {
            statement.setString(1, articleId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    private List<Long> seqsAfter(long seq) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT seq FROM stream_event WHERE seq > ? ORDER BY seq")) {
            statement.setLong(1, seq);
            List<Long> seqs = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    seqs.add(rs.getLong(1));
                }
            }
            return seqs;
        }
    }
}
