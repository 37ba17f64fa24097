package org.newswatch.collector.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bodies that are not feeds, or are feeds built to attack the parser: each gets a precise error. */
class FeedReaderHostileInputTest {

    private static final String URL = "https://hostile.example.org/feed";

    @Test
    void emptyBodyIsEmptyBody() {
        FeedParseException e = assertThrows(FeedParseException.class, () -> Feeds.read(new byte[0], null, URL));
        assertEquals(FeedErrorKind.EMPTY_BODY, e.kind());
        assertEquals("the body is empty (0 bytes)", e.getMessage());
    }

    @Test
    void whitespaceOnlyBodyWithBomIsEmptyBody() {
        byte[] body = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, ' ', '\n', '\t'};
        FeedParseException e = assertThrows(FeedParseException.class, () -> Feeds.read(body, "text/xml", URL));
        assertEquals(FeedErrorKind.EMPTY_BODY, e.kind());
    }

    @Test
    void htmlPageIsNotAFeedEvenWhenNotWellFormedXml() {
        FeedParseException e = refused("html-page.html", "text/html; charset=utf-8");
        assertEquals(FeedErrorKind.NOT_A_FEED, e.kind());
        assertEquals("an HTML page, not a feed (<html> at the root)", e.getMessage());
    }

    @Test
    void html5PageWithItsDoctypeIsNotAFeedRatherThanAForbiddenDoctype() {
        FeedParseException e = refused("html5-page.html", null);
        assertEquals(FeedErrorKind.NOT_A_FEED, e.kind());
        assertEquals("an HTML page, not a feed (<!DOCTYPE html> at line 1, column 1)", e.getMessage());
    }

    @Test
    void plainTextIsNotAFeed() {
        FeedParseException e = assertThrows(FeedParseException.class,
                () -> Feeds.read("Service Unavailable".getBytes(StandardCharsets.US_ASCII), "text/plain", URL));
        assertEquals(FeedErrorKind.NOT_A_FEED, e.kind());
        assertEquals("not XML: the document starts with \"Service Unavailable\" at line 1, column 1", e.getMessage());
    }

    @Test
    void otherXmlVocabularyIsNotAFeed() {
        FeedParseException e = refused("other-xml.xml", "application/xml");
        assertEquals(FeedErrorKind.NOT_A_FEED, e.kind());
        assertEquals("an XML document with <urlset> at the root, not an RSS, RDF or Atom feed", e.getMessage());
    }

    @Test
    void malformedXmlNamesLineAndColumn() {
        FeedParseException e = refused("malformed.xml", "application/rss+xml");
        assertEquals(FeedErrorKind.MALFORMED, e.kind());
        assertTrue(e.getMessage().startsWith("line 4, column "), e.getMessage());
        assertTrue(e.getMessage().contains("not well-formed XML"), e.getMessage());
    }

    @Test
    void xxeReadingALocalFileIsRefusedAndTheFileNeverAppears(@TempDir Path dir) throws Exception {
        Path secretFile = dir.resolve("secret.txt");
        String secret = "TOP-SECRET-" + System.nanoTime();
        Files.writeString(secretFile, secret);
        byte[] attack = new String(Feeds.bytes("xxe-local-file.xml"), StandardCharsets.UTF_8)
                .replace("file://SECRET_PATH", secretFile.toUri().toString()).getBytes(StandardCharsets.UTF_8);
        assertTrue(aNaiveParserLeaks(attack, secret), "control: the fixture is a working XXE attack");

        FeedParseException e = assertThrows(FeedParseException.class,
                () -> Feeds.read(attack, "application/rss+xml", URL));

        assertEquals(FeedErrorKind.FORBIDDEN_DOCTYPE, e.kind());
        assertTrue(e.getMessage().startsWith("line 2, column 1: the document declares a DOCTYPE (<!DOCTYPE rss ...>)"),
                e.getMessage());
        assertFalse(e.getMessage().contains(secret));
    }

    @Test
    void xxeIsRefusedByTheXmlParserItselfToo(@TempDir Path dir) throws IOException {
        Path secretFile = dir.resolve("secret.txt");
        Files.writeString(secretFile, "SECOND-LINE-SECRET");
        String attack = new String(Feeds.bytes("xxe-local-file.xml"), StandardCharsets.UTF_8)
                .replace("file://SECRET_PATH", secretFile.toUri().toString());

        FeedParseException e = assertThrows(FeedParseException.class, () -> SecureXml.parse(attack));

        assertEquals(FeedErrorKind.FORBIDDEN_DOCTYPE, e.kind());
        assertFalse(e.getMessage().contains("SECOND-LINE-SECRET"));
    }

    @Test
    void billionLaughsIsRefusedBeforeAnyExpansion() {
        FeedParseException e = refused("billion-laughs.xml", "application/rss+xml");
        assertEquals(FeedErrorKind.FORBIDDEN_DOCTYPE, e.kind());
        assertTrue(e.getMessage().contains("<!DOCTYPE lolz ...>"), e.getMessage());
    }

    @Test
    void externalDtdIsRefusedWithoutBeingFetched() {
        FeedParseException e = refused("external-dtd.xml", "text/xml");
        assertEquals(FeedErrorKind.FORBIDDEN_DOCTYPE, e.kind());
    }

    @Test
    void parameterEntityAfterACommentIsRefused() {
        FeedParseException e = refused("xxe-parameter-entity.xml", "application/atom+xml");
        assertEquals(FeedErrorKind.FORBIDDEN_DOCTYPE, e.kind());
        assertTrue(e.getMessage().startsWith("line 3, column 1:"), e.getMessage());
    }

    @Test
    void deeplyNestedElementsAreRefusedBeforeAnyoneWalksTheTree() {
        String nested = "<x>".repeat(100_000) + "</x>".repeat(100_000);
        byte[] body = ("<rss version=\"2.0\"><channel><item><title>t</title><description>" + nested
                + "</description></item></channel></rss>").getBytes(StandardCharsets.UTF_8);

        FeedParseException e = assertThrows(FeedParseException.class, () -> Feeds.read(body, "text/xml", URL));

        assertEquals(FeedErrorKind.MALFORMED, e.kind(), "not a StackOverflowError");
        assertTrue(e.getMessage().contains("exceeds the limit \"500\""), e.getMessage());
    }

    @Test
    void deeplyNestedJsonIsRefused() {
        byte[] body = ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [{\"x\": "
                + "[".repeat(5000) + "]".repeat(5000) + "}]}").getBytes(StandardCharsets.UTF_8);

        FeedParseException e = assertThrows(FeedParseException.class, () -> Feeds.read(body, null, URL));

        assertEquals(FeedErrorKind.MALFORMED, e.kind());
    }

    @Test
    void markupAndScriptAddressesInMetadataNeverLeaveTheParser() throws FeedParseException {
        byte[] body = ("<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel>"
                + "<title>&lt;script&gt;alert(1)&lt;/script&gt;News</title><link>javascript:alert(1)</link>"
                + "<item><title>t</title><link>https://m.example/1</link>"
                + "<dc:creator>&lt;a href=\"javascript:x()\"&gt;Ana&lt;/a&gt;</dc:creator>"
                + "<category>&lt;img src=x onerror=alert(1)&gt;Courts</category></item></channel></rss>")
                .getBytes(StandardCharsets.UTF_8);

        FeedReading reading = Feeds.read(body, "application/rss+xml", URL);

        assertEquals("News", reading.feed().title());
        assertEquals(null, reading.feed().siteUrl());
        assertEquals("Ana", reading.articles().get(0).author());
        assertEquals(List.of("Courts"), reading.articles().get(0).categories());
        assertEquals("News", reading.articles().get(0).source());
    }

    @Test
    void jsonThatIsNotAJsonFeedIsNotAFeed() {
        FeedParseException e = refused("not-a-json-feed.json", "application/json");
        assertEquals(FeedErrorKind.NOT_A_FEED, e.kind());
        assertEquals("JSON, but not a JSON Feed: it has no \"version\": \"https://jsonfeed.org/version/1.1\"",
                e.getMessage());
    }

    @Test
    void jsonArrayIsNotAFeed() {
        FeedParseException e = assertThrows(FeedParseException.class,
                () -> Feeds.read("[1, 2]".getBytes(StandardCharsets.UTF_8), null, URL));
        assertEquals(FeedErrorKind.NOT_A_FEED, e.kind());
        assertEquals("JSON, but not a JSON Feed: the top level is an array, not an object", e.getMessage());
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        FeedParseException e = refused("malformed.json", "application/feed+json");
        assertEquals(FeedErrorKind.MALFORMED, e.kind());
        assertTrue(e.getMessage().startsWith("line 4, column "), e.getMessage());
    }

    @Test
    void afterEveryAttackTheSameThreadsParserReadsTheNextFeedNormally() throws FeedParseException {
        // The XML parser is kept per thread between feeds: a refused document must leave nothing behind.
        for (String attack : List.of("billion-laughs.xml", "external-dtd.xml", "xxe-parameter-entity.xml",
                "malformed.xml")) {
            refused(attack, "application/rss+xml");
            FeedReading next = Feeds.read("rss20.xml", "application/rss+xml", URL);
            assertFalse(next.articles().isEmpty(), "after " + attack);
        }
        String deep = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>" + "<x>".repeat(2000)
                + "</x>".repeat(2000) + "</channel></rss>";
        assertThrows(FeedParseException.class, () -> Feeds.read(deep.getBytes(StandardCharsets.UTF_8), null, URL));
        assertEquals(Feeds.read("rss20.xml", "application/rss+xml", URL).articles(),
                Feeds.read("rss20.xml", "application/rss+xml", URL).articles());
    }

    private static FeedParseException refused(String fixture, String contentType) {
        return assertThrows(FeedParseException.class, () -> Feeds.read(fixture, contentType, URL));
    }

    /** A parser with the JDK's defaults expands external entities: proof the fixture is a real attack. */
    private static boolean aNaiveParserLeaks(byte[] attack, String secret) throws Exception {
        var document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(attack));
        return document.getDocumentElement().getTextContent().contains(secret);
    }
}
