package org.newswatch.collector.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.newswatch.contracts.ArticleCollected;

/**
 * Feeds that bend their specification in ways feed readers commonly accept (found with feedparser's test suite),
 * and the one way ROME itself crashes, which must still end as a feed error.
 */
class FeedReaderLeniencyTest {

    @Test
    void atom03ConstructsAreReadByTheirModeAndType() throws FeedParseException {
        List<ArticleCollected> articles = Feeds.read("atom03.xml", "application/atom+xml",
                "https://rechtspraak.example.nl/atom").articles();

        ArticleCollected first = articles.get(0);
        assertEquals("Rechters onafhankelijk & vrij", first.title(), "escaped text/html is HTML");
        assertEquals("Uitspraak over <tags> die geen HTML zijn", first.summary(), "text/plain keeps its brackets");
        assertEquals("Eerste alinea.\n\nTweede alinea.", first.content(), "inline XHTML in mode xml");
        assertEquals("https://rechtspraak.example.nl/nieuws/1", first.url());
        assertEquals(Instant.parse("2025-06-10T07:00:00Z"), first.publishedAt(), "Atom 0.3 issued");
        assertEquals(Instant.parse("2025-06-10T10:00:00Z"), first.updatedAt(), "Atom 0.3 modified");
        assertEquals("nl", first.language());
        assertEquals("Sancties tegen het <b>ICC</b>", articles.get(1).title(),
                "base64 with whitespace decodes to text/plain, markup and all");
        assertEquals("https://rechtspraak.example.nl/nieuws/2", articles.get(1).url(),
                "a link given as text and without rel is the entry's link");
        assertEquals("Q&A", articles.get(2).title(), "CDATA in mode xml is text");
    }

    @Test
    void atom10Base64TitleDecodesWhenItIsTextAndBinaryContentIsNotText() throws FeedParseException {
        ArticleCollected article = Feeds.read("atom10-base64-title.xml", null, "https://b64.example.org/atom")
                .articles().get(0);
        assertEquals("Judicial <b>independence</b>", article.title());
        assertEquals("", article.content(), "a base64 PDF is not text");
    }

    @Test
    void unversionedRssWithDublinCoreAndMediaRssTitles() throws FeedParseException {
        FeedReading reading = Feeds.read("rss-fallback-titles.xml", null, "https://fallback.example.org/rss");
        assertEquals("rss-2.0", reading.feed().format(), "<rss> without version counts as RSS 2.0");
        assertEquals(List.of("Title from Dublin Core", "Title from Media RSS"),
                reading.articles().stream().map(ArticleCollected::title).toList());
    }

    @Test
    void htmlEntitiesUndefinedInXmlAreReadAsTheirCharacters() throws FeedParseException {
        byte[] body = ("<rss version=\"2.0\"><channel><title>Caf&eacute;&nbsp;news</title><item>"
                + "<title>Cour p&eacute;nale &amp; &laquo;juges&raquo;</title><link>https://e.example/1</link></item>"
                + "</channel></rss>").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        FeedReading reading = Feeds.read(body, "application/rss+xml", "https://e.example/rss");
        assertEquals("Café news", reading.feed().title());
        assertEquals("Cour pénale & «juges»", reading.articles().get(0).title());
        assertTrue(SecureXml.usesUndefinedEntities("a &nbsp; b"));
        assertTrue(!SecureXml.usesUndefinedEntities("a &amp; &lt;b&gt; &#160; & c;"));
    }

    @Test
    void romeCrashingOnBrokenBase64IsAMalformedFeedNotAnUncheckedException() {
        FeedParseException e = assertThrows(FeedParseException.class,
                () -> Feeds.read("atom03-broken-base64.xml", null, "https://broken.example.org/atom"));
        assertEquals(FeedErrorKind.MALFORMED, e.kind());
        assertTrue(e.getMessage().startsWith("ROME could not read the feed: "), e.getMessage());
    }
}
