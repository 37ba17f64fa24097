package org.newswatch.collector.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.newswatch.testkit.WithTestInfrastructure;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The injected reader works inside the application: ROME finds its parser plugins (loaded from
 * {@code rome.properties} through a class loader) under Quarkus class loading too.
 */
@QuarkusTest
@WithTestInfrastructure
class FeedReaderInQuarkusTest {

    @Inject
    FeedReader reader;

    @Test
    void readsRssAtomAndJsonFeedAsABean() throws FeedParseException {
        FeedSource source = new FeedSource("feed-q", "https://justice.example.org/feed.xml", null);
        assertEquals(3, read("rss20.xml", source).articles().size());
        assertEquals(2, read("atom10.xml", source).articles().size());
        assertEquals(1, read("rdf.xml", source).articles().size());
        assertEquals(2, read("jsonfeed11.json", source).articles().size());
    }

    private FeedReading read(String fixture, FeedSource source) throws FeedParseException {
        return reader.read(new FeedDocument(Feeds.bytes(fixture), null, URI.create(source.feedUrl())), source,
                Feeds.COLLECTED_AT);
    }
}
