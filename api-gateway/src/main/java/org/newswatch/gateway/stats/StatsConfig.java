package org.newswatch.gateway.stats;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Ranges of the daily statistics. */
@ConfigMapping(prefix = "newswatch.gateway.stats")
public interface StatsConfig {

    /** Days covered when the request gives no {@code since}: this many, ending with {@code until} (default today). */
    @WithDefault("30")
    int defaultDays();

    /** The longest range a request may ask for, in days. */
    @WithDefault("366")
    int maxDays();
}
