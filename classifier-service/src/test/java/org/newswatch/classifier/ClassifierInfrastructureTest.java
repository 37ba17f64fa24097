package org.newswatch.classifier;

import static org.newswatch.testkit.ServiceAssertions.KAFKA_CHECK;

import org.junit.jupiter.api.Test;
import org.newswatch.testkit.ServiceAssertions;
import org.newswatch.testkit.WithTestInfrastructure;

import io.quarkus.test.junit.QuarkusTest;

/** The classifier boots against the real broker; it owns no database (topics are configuration files). */
@QuarkusTest
@WithTestInfrastructure(database = false)
class ClassifierInfrastructureTest {

    @Test
    void healthIsUpWithBroker() {
        ServiceAssertions.assertHealthUp(KAFKA_CHECK);
    }

    @Test
    void servesOpenApiAndMetrics() {
        ServiceAssertions.assertOperationalEndpointsServed();
    }
}
