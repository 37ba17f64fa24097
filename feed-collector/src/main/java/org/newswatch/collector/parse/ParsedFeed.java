package org.newswatch.collector.parse;

import java.util.List;

/** What a format parser found: the feed's metadata, its items in feed order, and what it had to skip. */
record ParsedFeed(FeedMetadata metadata, List<FeedItem> items, List<String> notices) {

    ParsedFeed {
        items = List.copyOf(items);
        notices = List.copyOf(notices);
    }

    ParsedFeed(FeedMetadata metadata, List<FeedItem> items) {
        this(metadata, items, List.of());
    }
}
