package org.newswatch.collector.feed;

/** A body that is not a usable OPML document; the message says why. */
public class OpmlFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public OpmlFormatException(String message) {
        super(message);
    }

    public OpmlFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
