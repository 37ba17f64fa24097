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
