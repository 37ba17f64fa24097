package org.newswatch.alert.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RetryAfterTest {

    static final Instant NOW = Instant.parse("2026-11-20T08:00:00Z");
    static final Duration MAX = Duration.ofHours(10);

    @Test
    void delaySeconds() {
        assertEquals(Optional.of(Duration.ofSeconds(90)), RetryAfter.parse(" 90 ", NOW, MAX));
    }

    @Test
    void httpDate() {
        assertEquals(Optional.of(Duration.ofMinutes(5)), RetryAfter.parse("Fri, 20 Nov 2026 08:05:00 GMT", NOW, MAX));
    }

    @Test
    void dateInThePastAsksForNoWait() {
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Fri, 20 Nov 2026 07:00:00 GMT", NOW, MAX));
    }

    @Test
    void longerThanTheCapIsCapped() {
        assertEquals(Optional.of(MAX), RetryAfter.parse("86400", NOW, MAX));
        assertEquals(Optional.of(MAX), RetryAfter.parse("99999999999999999999999", NOW, MAX));
    }

    @Test
    void absentOrUnreadableLeavesTheScheduleAlone() {
        assertEquals(Optional.empty(), RetryAfter.parse(null, NOW, MAX));
        assertEquals(Optional.empty(), RetryAfter.parse("", NOW, MAX));
        assertEquals(Optional.empty(), RetryAfter.parse("soon", NOW, MAX));
        assertEquals(Optional.empty(), RetryAfter.parse("-5", NOW, MAX));
    }
}
