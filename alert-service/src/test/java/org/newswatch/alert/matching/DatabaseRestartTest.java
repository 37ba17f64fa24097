package org.newswatch.alert.matching;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newswatch.contracts.ArticleClassified;
import org.newswatch.testkit.DatabaseOutage;
import org.newswatch.testkit.ServiceAssertions;
import org.newswatch.testkit.WithTestInfrastructure;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/**
 * The alert service while its database restarts: for about five seconds open connections are ended and new ones
 * refused, while classified stories arrive on the real broker and a client calls the API.
 * <ul>
 * <li>Stories published during the outage are not lost: the consumer retries the transient database failure with
 * backoff, and once the database is back each story is matched and its delivery recorded exactly once; none goes
 * to the dead-letter topic.</li>
 * <li>Readiness ({@code /q/health/ready}) reports the database DOWN during the outage and UP after it, without a
 * restart of the service: the connection pool reconnects by itself.</li>
 * <li>API calls during the outage answer {@code 503} {@code application/problem+json} of type
 * {@code database-unavailable} with a {@code Retry-After}, not a 500; after it they work again.</li>
 * </ul>
 */
@QuarkusTest
@WithTestInfrastructure
class DatabaseRestartTest {

    private static final Duration OUTAGE = Duration.ofSeconds(5);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static ClassifiedRecords records;

    @Inject
    DataSource dataSource;

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

    @Test
    void storiesArrivingWhileTheDatabaseRestartsAreMatchedOnceAfterIt() throws Exception {
        String owner = "restart-" + UUID.randomUUID();
        String subscription = given().header("Authorization", "Bearer test-service-key")
                .header("X-Newswatch-Owner", owner).contentType(ContentType.JSON)
                .body("{\"topics\": [\"icc-sanctions\"], \"channel\": {\"type\": \"webhook\", \"url\": \"http://127.0.0.1:9/"
                        + owner + "\"}}")
                .post("/api/v1/subscriptions").then().statusCode(201).extract().path("id");
        List<ArticleClassified> stories = new ArrayList<>();
        List<RecordMetadata> sent = new ArrayList<>();
        double retriesBefore = retries();

        try (DatabaseOutage outage = DatabaseOutage.begin(OUTAGE)) {
            for (int i = 0; i < 4; i++) {
                ArticleClassified story = Stories.classified(Stories.all().get(i), "restart-" + UUID.randomUUID(),
                        0.9, 0.1, Instant.now());
                stories.add(story);
                sent.add(records.send(story));
            }
            ServiceAssertions.assertDatabaseUnavailable(given().header("Authorization", "Bearer test-service-key")
                    .header("X-Newswatch-Owner", owner).get("/api/v1/subscriptions/" + subscription));
            ServiceAssertions.awaitDatabaseReadiness("DOWN", OUTAGE);
            await("the consumer retried").atMost(OUTAGE).until(() -> retries() > retriesBefore);
        }

        records.awaitConsumed(sent, PATIENCE);
        for (ArticleClassified story : stories) {
            assertEquals(1, count("SELECT count(*) FROM delivery WHERE subscription_id = ?::uuid AND article_id = ?",
                    subscription, story.article().id()), "deliveries of " + story.article().id());
            assertEquals(1, count("SELECT count(*) FROM article WHERE id = ?", story.article().id()));
        }
        List<String> deadLetters = records.deadLetterKeys();
        assertTrue(stories.stream().noneMatch(s -> deadLetters.contains(s.article().id())),
                "a story reached the dead-letter topic during the outage");
        ServiceAssertions.awaitDatabaseReadiness("UP", PATIENCE);
        given().header("Authorization", "Bearer test-service-key").header("X-Newswatch-Owner", owner)
                .get("/api/v1/subscriptions/" + subscription).then().statusCode(200);
    }

    private double retries() {
        return meters.find("ft.retry.retries.total").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private int count(String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
