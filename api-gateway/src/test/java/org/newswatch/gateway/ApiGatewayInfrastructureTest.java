package org.newswatch.gateway;

import static org.newswatch.testkit.ServiceAssertions.DATABASE_CHECK;
import static org.newswatch.testkit.ServiceAssertions.KAFKA_CHECK;

import java.sql.SQLException;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.newswatch.testkit.ServiceAssertions;
import org.newswatch.testkit.WithTestInfrastructure;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The gateway boots against the real broker and its own fresh database. */
@QuarkusTest
@WithTestInfrastructure
class ApiGatewayInfrastructureTest {

    @Inject
    DataSource dataSource;

    @Test
    void healthIsUpWithBrokerAndDatabase() {
        ServiceAssertions.assertHealthUp(KAFKA_CHECK, DATABASE_CHECK);
    }

    @Test
    void migrationsCreatedReadModelAndKeys() throws SQLException {
        ServiceAssertions.assertMigrated(dataSource, 3, "article", "article_topic", "api_key", "stream_event", "text_search_language");
    }

    @Test
    void servesOpenApiAndMetrics() {
        ServiceAssertions.assertOperationalEndpointsServed();
    }
}
