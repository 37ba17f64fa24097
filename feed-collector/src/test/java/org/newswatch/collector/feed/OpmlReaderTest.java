package org.newswatch.collector.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The OPML reader: nested folders, either spelling of xmlUrl, and no DOCTYPE ever processed. */
class OpmlReaderTest {

    @Test
    void theStarterListIsValidOpmlOfHttpsFeedsInSeveralLanguages() throws IOException, OpmlFormatException {
        byte[] opml;
        try (InputStream in = getClass().getResourceAsStream("/starter-feeds.opml")) {
            opml = in.readAllBytes();
        }
        List<OpmlOutline> feeds = OpmlReader.read(opml);
        assertTrue(feeds.size() >= 15, "feeds: " + feeds.size());
        for (OpmlOutline feed : feeds) {
            assertEquals(FeedAddress.normalize(feed.xmlUrl()), feed.xmlUrl(), "stored as written");
            assertTrue(feed.xmlUrl().startsWith("https://"), feed.xmlUrl());
            assertTrue(feed.title() != null && !feed.title().isBlank(), feed.xmlUrl());
        }
        for (String language : List.of("ceid=FR:fr", "ceid=DE:de", "ceid=NL:nl", "MX:es-419", "/fr/news/")) {
            assertTrue(feeds.stream().anyMatch(f -> f.xmlUrl().contains(language)), language);
        }
    }

    @Test
    void anEntityExpansionBombIsRefusedBeforeAnyExpansion() {
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE opml [<!ENTITY a \"aaaaaaaaaa\">"
                + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
                + "<opml version=\"2.0\"><body><outline text=\"&c;\" xmlUrl=\"https://x.example.org/\"/></body></opml>";
        OpmlFormatException e = assertThrows(OpmlFormatException.class,
                () -> OpmlReader.read(bomb.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("DOCTYPE is refused"), e.getMessage());
    }

    @Test
    void anUndeclaredEntityIsMalformed() {
        String opml = "<opml version=\"2.0\"><body><outline text=\"&secret;\" xmlUrl=\"https://x.example.org/\"/>"
                + "</body></opml>";
        OpmlFormatException e = assertThrows(OpmlFormatException.class,
                () -> OpmlReader.read(opml.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("OPML"), e.getMessage());
    }
}
