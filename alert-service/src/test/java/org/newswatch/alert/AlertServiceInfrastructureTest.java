package org.newswatch.alert;

import static org.newswatch.testkit.ServiceAssertions.DATABASE_CHECK;
import static org.newswatch.testkit.ServiceAssertions.KAFKA_CHECK;

import java.sql.SQLException;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.newswatch.testkit.ServiceAssertions;
import org.newswatch.testkit.WithTestInfrastructure;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The alert service boots against the real broker and its own fresh database. */
@QuarkusTest
@WithTestInfrastructure
class AlertServiceInfrastructureTest {

    @Inject
    DataSource dataSource;

    @Test
    void healthIsUpWithBrokerAndDatabase() {
        ServiceAssertions.assertHealthUp(KAFKA_CHECK, DATABASE_CHECK);
    }

    @Test
    void migrationsCreatedSubscriptionsDeliveriesArticlesAndOwnerNotices() throws SQLException {
        ServiceAssertions.assertMigrated(dataSource, 4, "subscriber", "subscription", "delivery", "article",
                "delivery_attempt", "owner_notice");
    }

    @Test
    void servesOpenApiAndMetrics() {
        ServiceAssertions.assertOperationalEndpointsServed();
    }
}
