package org.newswatch.collector.feed;

/** A feed URL the registry cannot accept; the message says why, for the admin who typed it. */
public class InvalidFeedAddressException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidFeedAddressException(String message) {
        super(message);
    }
}
