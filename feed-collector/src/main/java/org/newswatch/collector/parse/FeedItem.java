package org.newswatch.collector.parse;

import java.time.Instant;
import java.util.List;

/**
 * One item of a feed as its format gives it, before cleaning and identity: the common shape of RSS, Atom, RDF and
 * JSON Feed items.
 *
 * @param guid       the guid or Atom/JSON Feed id as published, or null
 * @param link       the item's link, absolute when the feed allowed, or null
 * @param language   the item's own language tag as published, or null
 * @param published  the published date as parsed, or null
 * @param updated    the updated date as parsed, or null
 */
record FeedItem(
        String guid,
        String link,
        FeedText title,
        FeedText summary,
        FeedText content,
        String author,
        List<String> categories,
        Instant published,
        Instant updated,
        String language) {

    FeedItem {
        categories = categories == null ? List.of() : List.copyOf(categories);
    }
}
