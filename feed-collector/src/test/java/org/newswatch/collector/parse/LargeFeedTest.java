package org.newswatch.collector.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.newswatch.contracts.ArticleCollected;

/** A 10,000-item feed is read completely, in order, with one article per item (speed: FeedReaderBenchmark). */
class LargeFeedTest {

    private static final int ITEMS = 10_000;

    @Test
    void tenThousandItemsAreAllRead() throws FeedParseException {
        StringBuilder xml = new StringBuilder(ITEMS * 400);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Big</title>")
                .append("<link>https://big.example.org/</link><description>many items</description>\n");
        for (int i = 0; i < ITEMS; i++) {
            xml.append("<item><title>Story ").append(i).append("</title>")
                    .append("<link>https://big.example.org/story/").append(i).append("?utm_source=rss</link>")
                    .append("<guid>big-").append(i).append("</guid>")
                    .append("<description>&lt;p&gt;Summary of story ").append(i).append("&lt;/p&gt;</description>")
                    .append("<pubDate>Tue, 10 Jun 2025 08:30:00 GMT</pubDate></item>\n");
        }
        xml.append("</channel></rss>\n");

        FeedReading reading = Feeds.read(xml.toString().getBytes(StandardCharsets.UTF_8), "application/rss+xml",
                "https://big.example.org/rss");

        List<ArticleCollected> articles = reading.articles();
        assertEquals(ITEMS, articles.size());
        assertEquals(ITEMS, new HashSet<>(articles.stream().map(ArticleCollected::id).toList()).size());
        assertEquals("Story 0", articles.get(0).title());
        assertEquals("Story 9999", articles.get(ITEMS - 1).title());
        assertEquals("https://big.example.org/story/9999", articles.get(ITEMS - 1).canonicalUrl());
        assertEquals("Summary of story 9999", articles.get(ITEMS - 1).summary());
        assertEquals(List.of(), reading.notices());
    }
}
