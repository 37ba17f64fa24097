package org.newswatch.collector.parse;

import java.time.Duration;

/**
 * What a feed says about itself.
 *
 * @param format            {@code rss-2.0}, {@code rss-0.91}, {@code atom-1.0}, {@code atom-0.3}, {@code rdf} (RSS 1.0),
 *                          {@code rdf-0.90}, {@code json-feed-1.1}, {@code json-feed-1.0}, ...
 * @param title             the feed's own title as plain text, or null
 * @param siteUrl           the site the feed belongs to (absolute), or null
 * @param language          the feed's language as a BCP 47 tag, or null
 * @param suggestedInterval the polling interval the feed asks for (RSS {@code <ttl>}, else
 *                          {@code sy:updatePeriod}/{@code sy:updateFrequency}), or null
 * @param encoding          the character encoding the body was read in (e.g. {@code UTF-8})
 */
public record FeedMetadata(String format, String title, String siteUrl, String language,
        Duration suggestedInterval, String encoding) {

    /** The shape the rest of the collector was first written against: encoding unknown. */
    public FeedMetadata(String format, String title, String siteUrl, String language, Duration suggestedInterval) {
        this(format, title, siteUrl, language, suggestedInterval, null);
    }

    FeedMetadata withEncoding(String charset) {
        return new FeedMetadata(format, title, siteUrl, language, suggestedInterval, charset);
    }
}
