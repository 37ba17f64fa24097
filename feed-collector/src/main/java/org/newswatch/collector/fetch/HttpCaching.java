package org.newswatch.collector.fetch;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** What a server's headers say about when to ask again: Retry-After, Cache-Control max-age, Expires. */
public final class HttpCaching {

    private HttpCaching() {
    }

    /** Retry-After as delta-seconds or an HTTP-date, relative to {@code now}; null when absent or unreadable. */
    public static Duration retryAfter(HttpHeaders headers, Instant now) {
        return headers.firstValue("Retry-After").map(value -> delayOf(value, now)).orElse(null);
    }

    /**
     * How long the answer stays fresh: {@code max-age} wins over {@code Expires} (RFC 9111); null when neither
     * is given, or when the server says {@code no-store}/{@code no-cache}.
     */
    public static Duration freshFor(HttpHeaders headers, Instant now) {
        Optional<String> cacheControl = headers.allValues("Cache-Control").stream()
                .reduce((a, b) -> a + "," + b);
        if (cacheControl.isPresent()) {
            Duration maxAge = null;
            for (String directive : cacheControl.get().split(",")) {
                String d = directive.strip().toLowerCase(Locale.ROOT);
                if (d.equals("no-store") || d.equals("no-cache")) {
                    return null;
                }
                if (d.startsWith("max-age=")) {
                    maxAge = seconds(d.substring("max-age=".length()));
                }
            }
            if (maxAge != null) {
                return maxAge;
            }
        }
        return headers.firstValue("Expires").map(value -> {
            Instant expires = httpDate(value);
            if (expires == null) {
                return null;
            }
            Duration left = Duration.between(now, expires);
            return left.isNegative() ? Duration.ZERO : left;
        }).orElse(null);
    }

    private static Duration delayOf(String value, Instant now) {
        Duration seconds = seconds(value);
        if (seconds != null) {
            return seconds;
        }
        Instant at = httpDate(value);
        if (at == null) {
            return null;
        }
        Duration left = Duration.between(now, at);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static Duration seconds(String value) {
        String v = value.strip();
        if (v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2) {
            v = v.substring(1, v.length() - 1);
        }
        if (v.isEmpty() || v.length() > 12 || !v.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Duration.ofSeconds(Long.parseLong(v));
    }

    private static Instant httpDate(String value) {
        try {
            return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
