package org.newswatch.collector.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.newswatch.collector.identity.ArticleIds;
import org.newswatch.contracts.ArticleCollected;

/** One fixture per format, read field by field into the events the collector publishes. */
class FeedReaderFormatsTest {

    @Test
    void rss20ItemsBecomeCleanArticlesWithCanonicalIds() throws FeedParseException {
        FeedReading reading = Feeds.read("rss20.xml", "application/rss+xml", "https://justice.example.org/feed.xml");

        FeedMetadata feed = reading.feed();
        assertEquals("rss-2.0", feed.format());
        assertEquals("Justice Watch", feed.title());
        assertEquals("https://justice.example.org/", feed.siteUrl());
        assertEquals("en-US", feed.language());
        assertEquals(Duration.ofMinutes(15), feed.suggestedInterval());
        assertEquals("UTF-8", feed.encoding());
        assertEquals(3, reading.articles().size());

        ArticleCollected first = reading.articles().get(0);
        assertEquals("ICC judges sanctioned & appeal filed", first.title());
        assertEquals("https://justice.example.org/2025/06/icc-judges-sanctioned?utm_source=rss&utm_medium=feed&id=7",
                first.url());
        assertEquals("https://justice.example.org/2025/06/icc-judges-sanctioned?id=7", first.canonicalUrl());
        assertEquals(ArticleIds.fromCanonicalUrl(first.canonicalUrl()), first.id());
        assertEquals("jw-1001", first.guid());
        assertEquals("The court responded.\n\nSecond paragraph.", first.summary());
        assertEquals("Full text of the story.\n\nIt continues here été.", first.content(),
                "script and style are dropped, entities decoded, paragraphs kept");
        assertEquals("Ana Lopez", first.author());
        assertEquals(List.of("ICC", "Sanctions"), first.categories());
        assertEquals(Instant.parse("2025-06-10T08:30:00Z"), first.publishedAt());
        assertEquals("Justice Watch", first.source());
        assertEquals("en-US", first.language());
        assertEquals("feed-1", first.feedId());
        assertEquals(Feeds.COLLECTED_AT, first.collectedAt());
    }

    @Test
    void rss20RelativeLinkIsResolvedAgainstTheFeedUrl() throws FeedParseException {
        FeedReading reading = Feeds.read("rss20.xml", "application/rss+xml", "https://justice.example.org/feed.xml");

        ArticleCollected second = reading.articles().get(1);
        assertEquals("https://justice.example.org/2025/06/judicial-independence", second.url());
        assertEquals("Plain description without markup", second.summary());
        assertEquals(Instant.parse("2025-06-09T15:00:00Z"), second.publishedAt());
    }

    @Test
    void rss20ItemWithoutLinkGetsItsIdFromFeedAndGuidAndAnUnreadableDateBecomesCollectionTime()
            throws FeedParseException {
        FeedReading reading = Feeds.read("rss20.xml", "application/rss+xml", "https://justice.example.org/feed.xml");

        ArticleCollected third = reading.articles().get(2);
        assertNull(third.url());
        assertNull(third.canonicalUrl());
        assertEquals(ArticleIds.fromGuid("feed-1", "tag:justice.example.org,2025:3"), third.id());
        assertEquals(Feeds.COLLECTED_AT, third.publishedAt());
        assertTrue(reading.notices().stream().anyMatch(n -> n.equals("1 item has no plausible date (missing, unreadable, before 1990 or more than a day ahead), so it carries the collection time")));
    }

    @Test
    void atom10TextConstructsXmlBaseAndDatesAreRead() throws FeedParseException {
        FeedReading reading = Feeds.read("atom10.xml", "application/atom+xml", "https://cour.example.net/feed.atom");

        assertEquals("atom-1.0", reading.feed().format());
        assertEquals("La Cour & les juges", reading.feed().title());
        assertEquals("fr", reading.feed().language());
        assertEquals(2, reading.articles().size());

        ArticleCollected first = reading.articles().get(0);
        assertEquals("Sanctions contre la CPI", first.title());
        assertEquals("https://cour.example.net/actualites/2025/sanctions-cpi.html#top", first.url(),
                "relative href resolved against the feed's xml:base");
        assertEquals("https://cour.example.net/actualites/2025/sanctions-cpi.html", first.canonicalUrl());
        assertEquals("urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a", first.guid());
        assertEquals("Résumé", first.summary());
        assertEquals("Premier paragraphe.\n\nDeuxième\nligne.", first.content());
        assertEquals("Claire Martin", first.author());
        assertEquals(List.of("justice"), first.categories());
        assertEquals(Instant.parse("2025-06-10T07:00:00Z"), first.publishedAt());
        assertEquals(Instant.parse("2025-06-10T10:00:00Z"), first.updatedAt());
        assertEquals("fr", first.language());

        ArticleCollected second = reading.articles().get(1);
        assertEquals("https://autre.example.net/dossiers/independance", second.url(),
                "the entry's own xml:base wins over the feed's");
        assertEquals("Texte brut <pas du HTML>", second.content(), "type=text keeps angle brackets as text");
        assertEquals(Instant.parse("2025-06-09T08:00:00Z"), second.publishedAt(),
                "no published date: the updated date stands in");
    }

    @Test
    void rdfItemsWithDublinCoreAndSyndicationInterval() throws FeedParseException {
        FeedReading reading = Feeds.read("rdf.xml", "application/rdf+xml", "https://rechtsstaat.example.de/rss");

        assertEquals("rdf", reading.feed().format());
        assertEquals("de-DE", reading.feed().language());
        assertEquals(Duration.ofMinutes(30), reading.feed().suggestedInterval(), "hourly, twice");
        ArticleCollected article = reading.articles().get(0);
        assertEquals("Richterwahl in der Kritik", article.title());
        assertEquals("https://rechtsstaat.example.de/artikel/1", article.url());
        assertEquals("https://rechtsstaat.example.de/artikel/1", article.guid());
        assertEquals("Jonas Weber", article.author());
        assertEquals(List.of("Justiz"), article.categories());
        assertEquals(Instant.parse("2025-06-08T05:15:00Z"), article.publishedAt());
        assertEquals("de-DE", article.language());
        assertFalse(article.summary().isEmpty());
    }
}
