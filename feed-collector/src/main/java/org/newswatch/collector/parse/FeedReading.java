package org.newswatch.collector.parse;

import java.util.List;

import org.newswatch.contracts.ArticleCollected;

/**
 * A feed read completely.
 *
 * @param feed     what the feed says about itself
 * @param articles one event per distinct article id, in feed order (later duplicates collapse to the first)
 * @param notices  what was repaired on the way, in words a feed admin understands (a charset that lied,
 *                 items without any identity, ...); empty when the feed was clean
 */
public record FeedReading(FeedMetadata feed, List<ArticleCollected> articles, List<String> notices) {

    public FeedReading {
        articles = List.copyOf(articles);
        notices = List.copyOf(notices);
    }

    public FeedReading(FeedMetadata feed, List<ArticleCollected> articles) {
        this(feed, articles, List.of());
    }
}
