package org.newswatch.alert.webhook;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How webhooks are sent. */
@ConfigMapping(prefix = "newswatch.alert.webhook")
public interface WebhookConfig {

    /** The longest one attempt may take, from connecting to the end of the (capped) answer. */
    @WithDefault("15s")
    Duration timeout();

    /** The longest connecting may take (within {@link #timeout()}). */
    @WithDefault("5s")
    Duration connectTimeout();

    /** Bytes of a receiver's answer kept for the delivery log; the rest is never read. */
    @WithDefault("2048")
    int responseBodyLimit();

    /**
     * How long the signing secrets of a subscription are kept in memory after they were read, so that a burst of
     * deliveries to one subscription reads them once. Must stay well below the rotation overlap
     * ({@code newswatch.alert.secret-rotation-overlap}, 24 h): after a rotation the old secret keeps signing for
     * at most this long before the new one joins it, which receivers accept since both are valid.
     */
    @WithDefault("30s")
    Duration secretCacheTime();

    /** The longest {@code Retry-After} honoured; a receiver asking for more gets this. */
    @WithDefault("10h")
    Duration maxRetryAfter();
}
