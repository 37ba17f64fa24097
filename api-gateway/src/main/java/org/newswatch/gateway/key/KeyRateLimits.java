package org.newswatch.gateway.key;

import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.api.RateLimitException;
import io.smallrye.faulttolerance.api.RateLimitType;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * One SmallRye rate limit per key: at most {@code burst} requests in any rolling window of the time the key's
 * rate takes to grant that many (60 in any 6 s for 600 a minute), so a quiet key may burst at once and a busy
 * one averages its rate. (SmallRye's smooth type starts each bucket with a single permit, which would refuse a
 * new key's first burst.) Limits live in this instance's memory; with N gateway instances a key gets up to N
 * times its rate.
 */
@ApplicationScoped
public class KeyRateLimits {

    private record Bucket(int perMinute, Guard guard) {
    }

    private final RateLimitConfig config;
    private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();

    public KeyRateLimits(RateLimitConfig config) {
        this.config = config;
    }

    /** Takes one permit for the caller's key; throws {@link RateLimitException} when none is left. */
    public void acquire(KeyCaller caller) {
        if (!config.enabled()) {
            return;
        }
        int perMinute = caller.requestsPerMinute() == null ? config.requestsPerMinute() : caller.requestsPerMinute();
        Bucket bucket = buckets.compute(caller.keyId(),
                (id, current) -> current != null && current.perMinute() == perMinute ? current
                        : new Bucket(perMinute, bucketOf(perMinute)));
        bucket.guard().get(() -> Boolean.TRUE, Boolean.class);
    }

    private Guard bucketOf(int perMinute) {
        int size = Math.max(1, Math.min(config.burst(), perMinute));
        // size requests per the time perMinute takes to grant that many.
        long windowMillis = Math.max(1, size * 60_000L / perMinute);
        return Guard.create()
                .withRateLimit().limit(size).window(windowMillis, ChronoUnit.MILLIS).type(RateLimitType.ROLLING).done()
                .build();
    }
}
