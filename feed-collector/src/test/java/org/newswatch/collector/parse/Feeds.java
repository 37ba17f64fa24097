package org.newswatch.collector.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;

/** Fixture feeds from {@code src/test/resources/feeds} read through a {@link FeedReader}. */
final class Feeds {

    static final Instant COLLECTED_AT = Instant.parse("2025-06-11T12:00:00Z");
    static final FeedReader READER = new FeedReader();

    private Feeds() {
    }

    static byte[] bytes(String fixture) {
        try (InputStream in = Feeds.class.getResourceAsStream("/feeds/" + fixture)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture feeds/" + fixture);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FeedReading read(String fixture, String contentType, String url) throws FeedParseException {
        return read(bytes(fixture), contentType, url);
    }

    static FeedReading read(byte[] body, String contentType, String url) throws FeedParseException {
        return READER.read(new FeedDocument(body, contentType, URI.create(url)),
                new FeedSource("feed-1", url, null), COLLECTED_AT);
    }
}
