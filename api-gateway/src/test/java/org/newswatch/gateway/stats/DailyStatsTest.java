package org.newswatch.gateway.stats;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newswatch.gateway.testing.ClassifiedRecords;
import org.newswatch.gateway.testing.ClassifiedRecords.Story;
import org.newswatch.gateway.testing.Keys;
import org.newswatch.testkit.WithTestInfrastructure;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** GET /api/v1/stats/daily on articles published on known UTC days, far from other tests' articles. */
@QuarkusTest
@WithTestInfrastructure
class DailyStatsTest {

    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final String STATS_TOPIC = "stats-topic";
    static String reader;

    // Once per class, but after Quarkus pointed REST Assured at the application (it does so before each test).
    @BeforeEach
    void publish() {
        if (reader != null) {
            return;
        }
        reader = Keys.newReader();
        try (ClassifiedRecords records = ClassifiedRecords.onTestBroker()) {
            // 2019-03-01: three articles, two flagged (one for both topics); 23:59:59Z stays on the 1st (UTC days).
            records.send(new Story("stats-1").title("a").publishedAt(Instant.parse("2019-03-01T00:00:00Z"))
                    .topic(ClassifiedRecords.ICC, 0.9, true).topic(STATS_TOPIC, 0.9, true).event());
            records.send(new Story("stats-2").title("b").publishedAt(Instant.parse("2019-03-01T23:59:59Z"))
                    .topic(ClassifiedRecords.ICC, 0.8, true).topic(STATS_TOPIC, 0.1, false).event());
            records.send(new Story("stats-3").title("c").publishedAt(Instant.parse("2019-03-01T12:00:00Z"))
                    .topic(ClassifiedRecords.ICC, 0.1, false).topic(STATS_TOPIC, 0.1, false).event());
            // 2019-03-03: one flagged for the stats topic only.
            records.send(new Story("stats-4").title("d").publishedAt(Instant.parse("2019-03-03T08:00:00+02:00"))
                    .topic(ClassifiedRecords.ICC, 0.1, false).topic(STATS_TOPIC, 0.7, true).event());
        }
        await().atMost(PATIENCE).until(() -> given().header("Authorization", reader)
                .queryParam("since", "2019-03-01").queryParam("until", "2019-03-03")
                .when().get("/api/v1/stats/daily").then().extract().jsonPath().getInt("days.articles.sum()") == 4);
    }

    @Test
    void countsPerDayAndTopic() {
        JsonPath stats = given().header("Authorization", reader).queryParam("since", "2019-03-01")
                .queryParam("until", "2019-03-03").when().get("/api/v1/stats/daily").then().statusCode(200)
                .body("since", equalTo("2019-03-01"))
                .body("until", equalTo("2019-03-03"))
                .body("topics", equalTo(List.of(ClassifiedRecords.ICC, STATS_TOPIC)))
                .body("days.day", equalTo(List.of("2019-03-01", "2019-03-02", "2019-03-03")))
                .body("days.articles", equalTo(List.of(3, 0, 1)))
                .body("days.flagged", equalTo(List.of(2, 0, 1)))
                .extract().jsonPath();
        org.junit.jupiter.api.Assertions.assertEquals(Map.of(ClassifiedRecords.ICC, 2, STATS_TOPIC, 1),
                stats.getMap("days[0].topics"));
        org.junit.jupiter.api.Assertions.assertEquals(Map.of(ClassifiedRecords.ICC, 0, STATS_TOPIC, 0),
                stats.getMap("days[1].topics"));
        org.junit.jupiter.api.Assertions.assertEquals(Map.of(ClassifiedRecords.ICC, 0, STATS_TOPIC, 1),
                stats.getMap("days[2].topics"));
    }

    @Test
    void topicFilter() {
        given().header("Authorization", reader).queryParam("since", "2019-03-01").queryParam("until", "2019-03-01")
                .queryParam("topic", STATS_TOPIC).when().get("/api/v1/stats/daily").then().statusCode(200)
                .body("topics", equalTo(List.of(STATS_TOPIC)))
                .body("days[0].topics", equalTo(Map.of(STATS_TOPIC, 1)))
                .body("days[0].articles", equalTo(3));
    }

    @Test
    void defaultRangeIsTheLast30Days() {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        given().header("Authorization", reader).when().get("/api/v1/stats/daily").then().statusCode(200)
                .body("until", equalTo(today))
                .body("since", equalTo(LocalDate.now(ZoneOffset.UTC).minusDays(29).toString()))
                .body("days.size()", equalTo(30));
    }

    @Test
    void sinceAloneRunsUntilToday() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        given().header("Authorization", reader).queryParam("since", today.minusDays(2).toString())
                .when().get("/api/v1/stats/daily").then().statusCode(200)
                .body("until", equalTo(today.toString()))
                .body("days.size()", equalTo(3));
    }

    @Test
    void badRangesAre400() {
        for (Map<String, String> bad : List.of(Map.of("since", "2019-03-05", "until", "2019-03-01"),
                Map.of("since", "2018-01-01", "until", "2019-03-01"), Map.of("since", "March"),
                Map.of("until", "2019-02-30"), Map.of("day", "2019-03-01"))) {
            String field = bad.containsKey("day") ? "day" : bad.containsKey("until") ? "until" : "since";
            given().header("Authorization", reader).queryParams(bad).when().get("/api/v1/stats/daily").then()
                    .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(field));
        }
        given().when().get("/api/v1/stats/daily").then().statusCode(401);
    }
}
