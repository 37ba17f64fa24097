package org.newswatch.collector.feed;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The starter list loaded into an empty registry, so a new installation polls real sources at once. */
@ConfigMapping(prefix = "newswatch.collector.starter-feeds")
public interface StarterFeedsConfig {

    /** Load the list on start when the registry is empty (on in the {@code local} profile only). */
    @WithDefault("false")
    boolean enabled();

    /** The OPML document on the class path. */
    @WithDefault("starter-feeds.opml")
    String resource();
}
