package org.newswatch.collector.fetch;

import java.time.Duration;

/**
 * A fetch that produced no feed body. The message says precisely what happened, in words for a feed admin.
 * {@code status} is the last HTTP status when there was one; {@code retryAfter} what the server asked for.
 */
public class FetchException extends Exception {

    private static final long serialVersionUID = 1L;

    private final FetchErrorKind kind;
    private final Integer status;
    private final transient Duration retryAfter;

    public FetchException(FetchErrorKind kind, String message) {
        this(kind, message, null, null, null);
    }

    public FetchException(FetchErrorKind kind, String message, Throwable cause) {
        this(kind, message, null, null, cause);
    }

    public FetchException(FetchErrorKind kind, String message, Integer status, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public FetchErrorKind kind() {
        return kind;
    }

    public Integer status() {
        return status;
    }

    /** How long the server asked us to wait (Retry-After), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
