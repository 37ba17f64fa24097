package org.newswatch.collector.parse;

import java.util.Objects;

/**
 * The registry's view of the feed being read.
 *
 * @param feedId  the collector's id of the feed
 * @param feedUrl the feed's URL as registered
 * @param title   the registry's title for the feed, or null
 */
public record FeedSource(String feedId, String feedUrl, String title) {

    public FeedSource {
        Objects.requireNonNull(feedId, "feedId");
        Objects.requireNonNull(feedUrl, "feedUrl");
    }
}
