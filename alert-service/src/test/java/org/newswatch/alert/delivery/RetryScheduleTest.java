package org.newswatch.alert.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    static final Instant FAILED_AT = Instant.parse("2026-11-20T08:00:00Z");

    // The default of newswatch.alert.delivery.retry-schedule.
    private final RetrySchedule schedule = new RetrySchedule(List.of(Duration.ZERO, Duration.ofSeconds(5),
            Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5),
            Duration.ofHours(10), Duration.ofHours(10)));

    @Test
    void eachFailedAttemptWaitsItsTurn() {
        assertEquals(8, schedule.attempts());
        List<Duration> waits = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
                Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));
        for (int failed = 1; failed <= 7; failed++) {
            assertEquals(Optional.of(FAILED_AT.plus(waits.get(failed - 1))),
                    schedule.nextAttempt(failed, FAILED_AT, null), "after attempt " + failed);
        }
    }

    @Test
    void afterTheEighthAttemptTheDeliveryFails() {
        assertEquals(Optional.empty(), schedule.nextAttempt(8, FAILED_AT, null));
        assertEquals(Optional.empty(), schedule.nextAttempt(9, FAILED_AT, Duration.ofSeconds(1)));
    }

    @Test
    void retryAfterMovesTheNextAttemptLaterNeverEarlier() {
        assertEquals(Optional.of(FAILED_AT.plusSeconds(120)), schedule.nextAttempt(1, FAILED_AT, Duration.ofSeconds(120)));
        assertEquals(Optional.of(FAILED_AT.plus(Duration.ofMinutes(30))),
                schedule.nextAttempt(3, FAILED_AT, Duration.ofSeconds(120)));
    }

    @Test
    void anEmptyScheduleIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RetrySchedule(List.of()));
    }
}
