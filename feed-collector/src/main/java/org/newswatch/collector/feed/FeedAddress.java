package org.newswatch.collector.feed;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The registry's form of a feed URL: absolute http or https, scheme and host lower-cased, default port and
 * fragment dropped, so that one feed typed two ways is one registry entry. The query is kept as given (a
 * search feed's query is the feed).
 */
public final class FeedAddress {

    static final int MAX_LENGTH = 2048;

    private FeedAddress() {
    }

    /** The normalized URL, or an {@link InvalidFeedAddressException} saying what is wrong with it. */
    public static String normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidFeedAddressException("a feed URL is required");
        }
        String trimmed = raw.strip();
        if (trimmed.length() > MAX_LENGTH) {
            throw new InvalidFeedAddressException("the feed URL is longer than " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new InvalidFeedAddressException("not a valid URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null) {
            throw new InvalidFeedAddressException("not an absolute URL: " + trimmed);
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidFeedAddressException("only http and https feeds are polled; the scheme " + scheme
                    + ": is refused");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidFeedAddressException("URLs with a user name or password are refused (they would be"
                    + " stored and shown in clear)");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new InvalidFeedAddressException("the URL has no host: " + trimmed);
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        if ((scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443)) {
            port = -1;
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return scheme + "://" + host + (port == -1 ? "" : ":" + port) + path + query;
    }
}
