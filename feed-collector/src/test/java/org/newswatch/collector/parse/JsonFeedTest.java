package org.newswatch.collector.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.newswatch.collector.identity.ArticleIds;
import org.newswatch.contracts.ArticleCollected;

/** JSON Feed 1.1 and 1.0, read with Jackson into the same events as RSS and Atom. */
class JsonFeedTest {

    @Test
    void jsonFeed11ItemsBecomeArticles() throws FeedParseException {
        FeedReading reading = Feeds.read("jsonfeed11.json", "application/feed+json", "https://blog.example.org/feed.json");

        assertEquals("json-feed-1.1", reading.feed().format());
        assertEquals("Rule of Law Blog", reading.feed().title());
        assertEquals("https://blog.example.org/", reading.feed().siteUrl());
        assertEquals("es-ES", reading.feed().language());

        ArticleCollected first = reading.articles().get(0);
        assertEquals("2025-06-10-sanciones", first.guid());
        assertEquals("https://blog.example.org/2025/06/10/sanciones-cpi?utm_campaign=jsonfeed", first.url(),
                "relative url resolved against the feed URL");
        assertEquals("https://blog.example.org/2025/06/10/sanciones-cpi", first.canonicalUrl());
        assertEquals("Sanciones contra la CPI", first.title());
        assertEquals("Resumen breve", first.summary());
        assertEquals("Primer párrafo & más.\n\nSegundo.", first.content(), "content_html cleaned, script dropped");
        assertEquals(Instant.parse("2025-06-10T07:30:00Z"), first.publishedAt());
        assertEquals(Instant.parse("2025-06-10T11:00:00Z"), first.updatedAt());
        assertEquals("María Pérez, https://blog.example.org/about", first.author());
        assertEquals(List.of("CPI", "sanciones"), first.categories(), "duplicate tags once");
        assertEquals("es", first.language(), "the item's language wins over the feed's");
    }

    @Test
    void jsonFeedItemWithNumericIdExternalUrlAndBadDate() throws FeedParseException {
        FeedReading reading = Feeds.read("jsonfeed11.json", "application/feed+json", "https://blog.example.org/feed.json");

        assertEquals(2, reading.articles().size(), "the string in items is skipped");
        ArticleCollected second = reading.articles().get(1);
        assertEquals("42", second.guid());
        assertEquals("https://other.example.com/story", second.url());
        assertEquals("", second.title());
        assertEquals("Only text,\nno title.", second.content());
        assertEquals(Feeds.COLLECTED_AT, second.publishedAt(), "\"yesterday\" is no RFC 3339 date");
        assertEquals("es-ES", second.language());
        assertTrue(reading.notices().contains("item 3 is a string, not an object, so it was skipped"),
                reading.notices().toString());
    }

    @Test
    void jsonFeed10WithSingleAuthorAndNoContentTypeSniffedFromTheBody() throws FeedParseException {
        FeedReading reading = Feeds.read("jsonfeed10.json", null, "https://old.example.org/feed.json");

        assertEquals("json-feed-1.0", reading.feed().format());
        ArticleCollected article = reading.articles().get(0);
        assertEquals("Old Author", article.author());
        assertEquals(ArticleIds.fromCanonicalUrl("https://old.example.org/a1"), article.id());
        assertNull(article.updatedAt());
        assertEquals("Old JSON Feed", article.source());
    }
}
