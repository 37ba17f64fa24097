package org.newswatch.collector.fetch;

/** Why a feed could not be fetched; stable names, fit for metrics labels and the feed's health. */
public enum FetchErrorKind {
    /** The URL, or a redirect target, is not http(s) or resolves to a non-public address (SSRF guard). */
    REFUSED_URL,
    /** The host name does not resolve. */
    UNKNOWN_HOST,
    /** No TCP connection could be opened (refused, unreachable). */
    CONNECT_FAILED,
    /** The connection was not established within the connect timeout. */
    CONNECT_TIMEOUT,
    /** The whole answer did not arrive within the fetch deadline (a server that trickles or stalls). */
    TIMEOUT,
    /** The TLS handshake failed (bad certificate, protocol mismatch). */
    TLS,
    /** The connection broke or the server spoke broken HTTP. */
    IO,
    /** More redirect hops than allowed. */
    TOO_MANY_REDIRECTS,
    /** A redirect led back to a URL already visited. */
    REDIRECT_LOOP,
    /** A redirect without a usable Location. */
    BAD_REDIRECT,
    /** 404 Not Found. */
    NOT_FOUND,
    /** 410 Gone: the feed is disabled. */
    GONE,
    /** 401 or 403. */
    ACCESS_DENIED,
    /** 429 Too Many Requests. */
    RATE_LIMITED,
    /** Any other 4xx. */
    CLIENT_ERROR,
    /** 5xx. */
    SERVER_ERROR,
    /** The body is larger than the cap. */
    BODY_TOO_LARGE,
    /** The body's Content-Encoding is unknown or its compressed data is corrupt. */
    BAD_CONTENT_ENCODING
}
