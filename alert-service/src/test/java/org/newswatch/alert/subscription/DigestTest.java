package org.newswatch.alert.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class DigestTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static Digest daily(int hour, ZoneId zone) {
        return new Digest(Digest.Frequency.DAILY, hour, zone);
    }

    @Test
    void aDailyDigestGoesOutAtTheNextOccurrenceOfItsHourInItsZone() {
        // 06:30 in Paris (UTC+1 in winter): today's 08:00 Paris is 07:00 UTC.
        assertEquals(Instant.parse("2026-01-15T07:00:00Z"), daily(8, PARIS).nextSendAfter(Instant.parse("2026-01-15T05:30:00Z")));
        // Past 08:00 Paris: tomorrow's.
        assertEquals(Instant.parse("2026-01-16T07:00:00Z"), daily(8, PARIS).nextSendAfter(Instant.parse("2026-01-15T09:00:00Z")));
        // Exactly at the send time belongs to the next digest.
        assertEquals(Instant.parse("2026-01-16T07:00:00Z"), daily(8, PARIS).nextSendAfter(Instant.parse("2026-01-15T07:00:00Z")));
        // Summer time: 08:00 Paris is 06:00 UTC.
        assertEquals(Instant.parse("2026-07-01T06:00:00Z"), daily(8, PARIS).nextSendAfter(Instant.parse("2026-06-30T20:00:00Z")));
    }

    @Test
    void anHourSkippedByDaylightSavingMovesToTheFirstValidInstant() {
        // 2026-03-29 02:00 does not exist in Paris: clocks jump from 02:00 to 03:00 (01:00 UTC).
        assertEquals(Instant.parse("2026-03-29T01:00:00Z"), daily(2, PARIS).nextSendAfter(Instant.parse("2026-03-28T12:00:00Z")));
    }

    @Test
    void hourlyDigestsFollowTheHoursOfTheirZone() {
        Digest utc = new Digest(Digest.Frequency.HOURLY, null, ZoneId.of("UTC"));
        assertEquals(Instant.parse("2026-01-15T11:00:00Z"), utc.nextSendAfter(Instant.parse("2026-01-15T10:59:59Z")));
        assertEquals(Instant.parse("2026-01-15T12:00:00Z"), utc.nextSendAfter(Instant.parse("2026-01-15T11:00:00Z")));
        // India is UTC+05:30: its hours start at half past in UTC.
        Digest kolkata = new Digest(Digest.Frequency.HOURLY, null, ZoneId.of("Asia/Kolkata"));
        assertEquals(Instant.parse("2026-01-15T10:30:00Z"), kolkata.nextSendAfter(Instant.parse("2026-01-15T10:00:00Z")));
    }

    @Test
    void refusesIncompleteSchedules() {
        assertThrows(IllegalArgumentException.class, () -> new Digest(Digest.Frequency.DAILY, null, PARIS));
        assertThrows(IllegalArgumentException.class, () -> new Digest(Digest.Frequency.DAILY, 24, PARIS));
        assertThrows(IllegalArgumentException.class, () -> new Digest(null, 8, PARIS));
        assertEquals(null, new Digest(Digest.Frequency.HOURLY, 5, PARIS).hour());
    }
}
