package org.newswatch.gateway.article;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newswatch.gateway.testing.ClassifiedRecords;
import org.newswatch.gateway.testing.ClassifiedRecords.Story;
import org.newswatch.gateway.testing.Keys;
import org.newswatch.testkit.DatabaseOutage;
import org.newswatch.testkit.ServiceAssertions;
import org.newswatch.testkit.WithTestInfrastructure;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The gateway while its database restarts: for about five seconds open connections are ended and new ones refused,
 * while classified stories arrive on the real broker and a reader searches.
 * <ul>
 * <li>Stories published during the outage are not lost: the projector retries the transient database failure with
 * backoff, and once the database is back each story is in the read model, listed exactly once, and nothing
 * more is retried.</li>
 * <li>A search during the outage answers at once with {@code 503} {@code application/problem+json} and a
 * {@code Retry-After}, not a 500 or a hang: the key check, which reads the database first, answers
 * {@code key-store-unavailable}. Once the database is back, search works again without a restart.</li>
 * <li>Readiness reports the database DOWN during the outage and UP after it.</li>
 * </ul>
 */
@QuarkusTest
@WithTestInfrastructure
class DatabaseRestartTest {

    private static final Duration OUTAGE = Duration.ofSeconds(5);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String SOURCE = "Restart Gazette " + UUID.randomUUID();
    private static ClassifiedRecords records;

    @BeforeAll
    static void connect() {
        records = ClassifiedRecords.onTestBroker();
    }

    @AfterAll
    static void disconnect() {
        records.close();
    }

    @Test
    void storiesArrivingWhileTheDatabaseRestartsAreListedOnceAfterIt() throws Exception {
        String reader = Keys.newReader();
        List<String> ids = new ArrayList<>();
        List<RecordMetadata> sent = new ArrayList<>();

        try (DatabaseOutage outage = DatabaseOutage.begin(OUTAGE)) {
            for (int i = 0; i < 4; i++) {
                Story story = new Story("restart-" + UUID.randomUUID()).source(SOURCE)
                        .title("Sanctions against ICC judges, day " + i).classifiedAt(Instant.now())
                        .topic(ClassifiedRecords.ICC, 0.9, true).topic(ClassifiedRecords.JUDICIAL, 0.1, false);
                ids.add(story.id());
                sent.add(records.send(story.event()));
            }
            given().header("Authorization", reader).queryParam("q", "sanctions").when().get("/api/v1/articles")
                    .then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", notNullValue())
                    .body("type", equalTo("urn:newswatch:problem:key-store-unavailable"));
            ServiceAssertions.awaitDatabaseReadiness("DOWN", OUTAGE);
        }

        ClassifiedRecords.awaitConsumed(PATIENCE, sent.toArray(RecordMetadata[]::new));
        ServiceAssertions.awaitDatabaseReadiness("UP", PATIENCE);
        List<String> listed = given().header("Authorization", reader).queryParam("source", SOURCE)
                .queryParam("q", "sanctions").queryParam("limit", 100).when().get("/api/v1/articles")
                .then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
        assertEquals(ids.stream().sorted().toList(), listed.stream().sorted().toList(),
                "every story of the outage listed, each once");
    }
}
