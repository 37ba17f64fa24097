package org.newswatch.collector.publish;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How articles go to Kafka. */
@ConfigMapping(prefix = "newswatch.collector.publish")
public interface PublishConfig {

    /**
     * How long the broker has to acknowledge a record (Kafka {@code delivery.timeout.ms}); past it the poll
     * fails softly and the items are published again by the next poll.
     */
    @WithDefault("30s")
    Duration deliveryTimeout();

    /** How long a send may wait for the cluster's metadata (Kafka {@code max.block.ms}) when the broker is down. */
    @WithDefault("10s")
    Duration metadataTimeout();

    /** The CloudEvents {@code source} of the events. */
    @WithDefault("/newswatch/feed-collector")
    String eventSource();
}
