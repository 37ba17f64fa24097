package org.newswatch.contracts;

import java.time.Instant;
import java.util.List;

/**
 * A news item the feed-collector found in a feed, published once per article id on {@link Topics#ARTICLES}.
 *
 * @param id           stable hash of the canonical URL, or of feed id + guid when the item has no link;
 *                     the same story seen twice, in one feed or in two, has one id
 * @param feedId       the collector's id of the feed the item was first seen in
 * @param feedUrl      the URL of that feed
 * @param source       a human name for where the story comes from (the feed's title or host)
 * @param url          the item's link as published, or null when it has none
 * @param canonicalUrl the link with tracking parameters and fragment removed, or null when it has none
 * @param guid         the item's guid or Atom id as published, or null
 * @param title        plain text; empty when the item has none
 * @param summary      plain text (HTML removed); empty when the item has none
 * @param content      the full text as plain text (from {@code content:encoded} and the like); may be empty
 * @param language     the language the feed declares (BCP 47), or null; the classifier detects its own
 * @param author       the author as published, or null
 * @param categories   the item's categories, possibly empty
 * @param publishedAt  when the item was published; the collection time when the feed gives no sane date
 * @param updatedAt    when the item was last updated, or null
 * @param collectedAt  when the collector first saw the item
 */
public record ArticleCollected(
        String id,
        String feedId,
        String feedUrl,
        String source,
        String url,
        String canonicalUrl,
        String guid,
        String title,
        String summary,
        String content,
        String language,
        String author,
        List<String> categories,
        Instant publishedAt,
        Instant updatedAt,
        Instant collectedAt) {

    public ArticleCollected {
        Checks.requireText(id, "article id");
        Checks.requireText(feedId, "feedId");
        title = Checks.orEmpty(title);
        summary = Checks.orEmpty(summary);
        content = Checks.orEmpty(content);
        categories = Checks.immutable(categories, "categories");
        Checks.requirePresent(publishedAt, "publishedAt");
        Checks.requirePresent(collectedAt, "collectedAt");
    }

    /** CloudEvents attributes for this event: one event per article, so the article id is the event id. */
    public CloudEventAttributes cloudEvent(String source) {
        return new CloudEventAttributes(id, EventTypes.ARTICLE_COLLECTED, source, collectedAt);
    }
}
