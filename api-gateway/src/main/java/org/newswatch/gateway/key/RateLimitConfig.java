package org.newswatch.gateway.key;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Per-key rate limits: at most {@code burst} requests in any window of {@code burst / requests-per-minute}
 * minutes. A key created with its own {@code requestsPerMinute} uses that rate instead (and a burst no larger).
 */
@ConfigMapping(prefix = "newswatch.gateway.rate-limit")
public interface RateLimitConfig {

    /** Whether keys are limited at all. */
    @WithDefault("true")
    boolean enabled();

    /** Average requests per minute a key may make, unless the key has its own figure. */
    @WithDefault("600")
    int requestsPerMinute();

    /** Requests a key may make at once after a quiet spell. */
    @WithDefault("60")
    int burst();
}
