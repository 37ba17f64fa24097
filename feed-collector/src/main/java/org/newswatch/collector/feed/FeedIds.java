package org.newswatch.collector.feed;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Feed ids derive from the registered URL, so that a preview shows the same article ids (which fall back to
 * feed id + guid) as the feed will publish once added, and so that a feed removed and added again keeps its
 * seen items instead of republishing them.
 */
public final class FeedIds {

    private FeedIds() {
    }

    public static UUID forUrl(String normalizedUrl) {
        return UUID.nameUUIDFromBytes(("newswatch-feed:" + normalizedUrl).getBytes(StandardCharsets.UTF_8));
    }
}
