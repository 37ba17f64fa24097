package org.newswatch.collector.parse;

import java.net.URI;
import java.util.Objects;

/**
 * The bytes of a fetched feed with what HTTP said about them.
 *
 * @param body        the response body, possibly empty
 * @param contentType the HTTP {@code Content-Type}, or null when there was none
 * @param url         the final URL after redirects: the base for relative links
 */
public record FeedDocument(byte[] body, String contentType, URI url) {

    public FeedDocument {
        body = body == null ? new byte[0] : body;
        Objects.requireNonNull(url, "url");
    }
}
