package org.newswatch.collector;

import static org.newswatch.testkit.ServiceAssertions.DATABASE_CHECK;
import static org.newswatch.testkit.ServiceAssertions.KAFKA_CHECK;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.sql.SQLException;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.newswatch.collector.publish.PublishingHealthCheck;
import org.newswatch.testkit.ServiceAssertions;
import org.newswatch.testkit.WithTestInfrastructure;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The collector boots against the real broker and its own fresh database. */
@QuarkusTest
@WithTestInfrastructure
class FeedCollectorInfrastructureTest {

    @Inject
    DataSource dataSource;

    @Test
    void healthIsUpWithBrokerAndDatabase() {
        ServiceAssertions.assertHealthUp(KAFKA_CHECK, DATABASE_CHECK, PublishingHealthCheck.NAME);
    }

    @Test
    void publishingIsAReadinessCheckSoABrokerOutageNeverFailsLiveness() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem(PublishingHealthCheck.NAME));
        given().get("/q/health/live").then().statusCode(200)
                .body("checks.name", not(hasItem(PublishingHealthCheck.NAME)));
    }

    @Test
    void migrationsCreatedTheFeedRegistry() throws SQLException {
        ServiceAssertions.assertMigrated(dataSource, 3, "feed", "seen_item");
    }

    @Test
    void servesOpenApiAndMetrics() {
        ServiceAssertions.assertOperationalEndpointsServed();
    }
}
