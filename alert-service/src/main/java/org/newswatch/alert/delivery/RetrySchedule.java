package org.newswatch.alert.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * When a failed delivery is tried again. The schedule lives in the delivery row (attempts made, next attempt
 * time), never in memory, so it survives restarts and moves between instances.
 */
@Singleton
public class RetrySchedule {

    private final List<Duration> waits;

    @Inject
    public RetrySchedule(DeliveryConfig config) {
        this(config.retrySchedule());
    }

    RetrySchedule(List<Duration> waits) {
        if (waits.isEmpty()) {
            throw new IllegalArgumentException("the retry schedule needs at least one attempt");
        }
        this.waits = List.copyOf(waits);
    }

    /** Attempts a delivery gets in one schedule before it fails for good. */
    public int attempts() {
        return waits.size();
    }

    /**
     * When attempt {@code failedAttempt + 1} is due, after attempt {@code failedAttempt} (1-based, counted in
     * the current schedule) failed at {@code failedAt}; empty when that was the last attempt. A receiver's
     * {@code Retry-After} moves the next attempt later, never earlier.
     */
    public Optional<Instant> nextAttempt(int failedAttempt, Instant failedAt, Duration retryAfter) {
        if (failedAttempt >= waits.size()) {
            return Optional.empty();
        }
        Duration wait = waits.get(failedAttempt);
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter;
        }
        return Optional.of(failedAt.plus(wait));
    }
}
