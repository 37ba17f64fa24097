package org.newswatch.collector.feed;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How often feeds are polled: the registry's default and the bounds within which polling adapts. */
@ConfigMapping(prefix = "newswatch.collector.polling")
public interface PollingConfig {

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
}
