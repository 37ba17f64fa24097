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

    /** The longest {@code Retry-After} honoured; a receiver asking for more gets this. */
    @WithDefault("10h")
    Duration maxRetryAfter();
}
