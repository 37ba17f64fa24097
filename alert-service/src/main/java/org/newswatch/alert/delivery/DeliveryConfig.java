package org.newswatch.alert.delivery;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How deliveries are claimed, run and retried. */
@ConfigMapping(prefix = "newswatch.alert.delivery")
public interface DeliveryConfig {

    /** Whether this instance runs delivery workers at all (an instance may serve the API only). */
    @WithDefault("true")
    boolean workerEnabled();

    /**
     * Deliveries in flight at once in this instance, over all endpoints: one worker thread each, mostly waiting
     * for receivers.
     */
    @WithDefault("128")
    int maxConcurrency();

    /** Deliveries in flight at once in this instance to one endpoint (a webhook URL or a mailbox). */
    @WithDefault("4")
    int perEndpointConcurrency();

    /** How often the worker looks for due deliveries when the previous look found nothing to do. */
    @WithDefault("100ms")
    Duration pollInterval();

    /**
     * How long a claimed delivery stays reserved for the worker that claimed it. A worker that dies while it
     * holds a claim gives the delivery back after this long; it must exceed the longest attempt (the webhook
     * timeout, an SMTP send).
     */
    @WithDefault("2m")
    Duration lease();

    /**
     * The wait before each attempt: the first entry before attempt 1, the second before attempt 2, and so on.
     * A delivery that fails its last attempt is failed for good.
     */
    @WithDefault("0s,5s,5m,30m,2h,5h,10h,10h")
    List<Duration> retrySchedule();

    /** An endpoint that has failed every attempt for this long is disabled and its owner told. */
    @WithDefault("5d")
    Duration disableFailingEndpointAfter();
}
