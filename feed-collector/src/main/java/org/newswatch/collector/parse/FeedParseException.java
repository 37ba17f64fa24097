package org.newswatch.collector.parse;

import java.util.Objects;

/** A body that cannot be read as a feed; the message says precisely why, in words for a feed admin. */
public class FeedParseException extends Exception {

    private static final long serialVersionUID = 1L;

    private final FeedErrorKind kind;

    public FeedParseException(FeedErrorKind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public FeedParseException(FeedErrorKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public FeedErrorKind kind() {
        return kind;
    }
}
