package org.newswatch.collector.preview;

import java.time.Instant;
import java.util.List;

import org.newswatch.contracts.ArticleCollected;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A feed read without storing anything: what it says about itself and its items exactly as they would be
 * published, each marked when it was published already.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeedPreview(String url, String finalUrl, Feed feed, List<String> notices, List<Item> items) {

    /** What the feed says about itself. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Feed(String format, String title, String siteUrl, String language, Long suggestedIntervalSeconds,
            String encoding) {
    }

    /** An item as the {@code ArticleCollected} event would carry it ({@code link} is its {@code url}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String id, String title, String link, String canonicalUrl, String guid, String summary,
            String content, String author, List<String> categories, String language, Instant publishedAt,
            Instant updatedAt, String source, boolean alreadyPublished) {

        static Item of(ArticleCollected a, boolean alreadyPublished) {
            return new Item(a.id(), a.title(), a.url(), a.canonicalUrl(), a.guid(), a.summary(), a.content(),
                    a.author(), a.categories(), a.language(), a.publishedAt(), a.updatedAt(), a.source(),
                    alreadyPublished);
        }
    }
}
