package org.newswatch.collector.schedule;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** When and how many feeds are polled. */
@ConfigMapping(prefix = "newswatch.collector.schedule")
public interface ScheduleConfig {

    /** Whether this instance polls at all (an instance may serve only the API). */
    @WithDefault("true")
    boolean enabled();

    /** Interval of a feed added without one. */
    @WithDefault("5m")
    Duration defaultInterval();

    /** No feed is polled more often than this, however busy it is. */
    @WithDefault("1m")
    Duration minInterval();

    /** A quiet feed slows down to at most this (unless its own interval is longer). */
    @WithDefault("1h")
    Duration maxQuietInterval();

    /** Back-off after failures, and any server hint (Retry-After, ttl, max-age), stop here. */
    @WithDefault("24h")
    Duration maxBackoff();

    /** Up to this fraction of the interval is added at random, so feeds polled together drift apart. */
    @WithDefault("0.1")
    double jitter();

    /** Feeds polled at the same time by this instance. */
    @WithDefault("16")
    int concurrency();

    /** Feeds of one host polled at the same time by this instance. */
    @WithDefault("2")
    int perHostLimit();

    /** A feed whose host is at its limit is offered again after this. */
    @WithDefault("2s")
    Duration hostBusyDelay();

    /**
     * How long a claimed feed stays this instance's; a crashed instance's feeds come back after it. Must outlast
     * a fetch deadline plus a publish timeout.
     */
    @WithDefault("5m")
    Duration lease();

    /** How often due feeds are looked for (a finished poll and a new feed also look at once). */
    @WithDefault("1s")
    Duration tick();

    /** A feed this late past its poll time counts as overdue in the metrics. */
    @WithDefault("1m")
    Duration overdueAfter();

    /** This instance's name in leases; host name and a random suffix when unset. */
    Optional<String> instanceId();
}
