package org.newswatch.collector.publish;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

/** Whether articles are reaching Kafka: the last acknowledged publish and the last failed one. */
@ApplicationScoped
public class PublishHealth {

    private volatile Instant lastSuccessAt;
    private volatile Instant lastFailureAt;
    private volatile String lastFailure;

    public void succeeded(Instant at) {
        lastSuccessAt = at;
    }

    public void failed(Instant at, String reason) {
        lastFailure = reason;
        lastFailureAt = at;
    }

    /** Degraded: the latest attempt to publish failed, so new items wait for the broker. */
    public boolean degraded() {
        Instant failure = lastFailureAt;
        Instant success = lastSuccessAt;
        return failure != null && (success == null || failure.isAfter(success));
    }

    public Instant lastSuccessAt() {
        return lastSuccessAt;
    }

    public Instant lastFailureAt() {
        return lastFailureAt;
    }

    public String lastFailure() {
        return lastFailure;
    }
}
