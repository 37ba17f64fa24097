package org.newswatch.collector.publish;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Readiness shows the collector degraded while articles cannot reach Kafka: polls go on, fail softly and retry,
 * nothing is marked seen. Liveness is unaffected: restarting the collector would not bring the broker back.
 */
@Readiness
@ApplicationScoped
public class PublishingHealthCheck implements HealthCheck {

    public static final String NAME = "feed-collector publishing";

    private final PublishHealth health;

    public PublishingHealthCheck(PublishHealth health) {
        this.health = health;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        if (health.lastSuccessAt() != null) {
            response.withData("lastPublishedAt", health.lastSuccessAt().toString());
        }
        if (health.degraded()) {
            return response.down()
                    .withData("state", "degraded: new articles wait until the broker acknowledges them; "
                            + "nothing is marked seen, the next polls retry")
                    .withData("lastFailureAt", health.lastFailureAt().toString())
                    .withData("lastFailure", health.lastFailure())
                    .build();
        }
        return response.up().build();
    }
}
