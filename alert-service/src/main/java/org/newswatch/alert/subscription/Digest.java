package org.newswatch.alert.subscription;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * When a digest subscription's mail goes out.
 *
 * @param frequency hourly (at the start of every hour of the zone) or daily (at {@code hour}:00)
 * @param hour      0–23 for daily digests, null for hourly ones
 * @param timeZone  the subscriber's zone, which decides what "8 o'clock" and "the hour" mean
 */
public record Digest(Frequency frequency, Integer hour, ZoneId timeZone) {

    public enum Frequency {
        HOURLY, DAILY;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Frequency of(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    public Digest {
        if (frequency == null || timeZone == null) {
            throw new IllegalArgumentException("a digest needs a frequency and a time zone");
        }
        if (frequency == Frequency.DAILY && (hour == null || hour < 0 || hour > 23)) {
            throw new IllegalArgumentException("a daily digest needs an hour from 0 to 23, not " + hour);
        }
        if (frequency == Frequency.HOURLY) {
            hour = null;
        }
    }

    /**
     * The first send time strictly after {@code moment}: the digest a story matched at {@code moment} belongs
     * to. Across a daylight-saving gap the send time moves to the first valid instant after it.
     */
    public Instant nextSendAfter(Instant moment) {
        ZonedDateTime local = moment.atZone(timeZone);
        if (frequency == Frequency.HOURLY) {
            // Truncating the local time keeps half-hour zones (Asia/Kolkata) on their own hours.
            return local.truncatedTo(ChronoUnit.HOURS).plusHours(1).toInstant();
        }
        ZonedDateTime today = local.toLocalDate().atTime(hour, 0).atZone(timeZone);
        ZonedDateTime next = today.isAfter(local) ? today
                : local.toLocalDate().plusDays(1).atTime(hour, 0).atZone(timeZone);
        return next.toInstant();
    }
}
