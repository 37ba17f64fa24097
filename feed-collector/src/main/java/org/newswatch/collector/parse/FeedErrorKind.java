package org.newswatch.collector.parse;

/** Why a body is not a usable feed; stable names, fit for metrics labels and the feed's health. */
public enum FeedErrorKind {
    /** The body has no bytes, or only whitespace. */
    EMPTY_BODY,
    /** Well-formed enough to recognise, but not a feed: an HTML page, another XML vocabulary, plain JSON. */
    NOT_A_FEED,
    /** Not well-formed XML or JSON. */
    MALFORMED,
    /** The XML declares a DOCTYPE, which is refused because DTDs enable XXE and entity-expansion attacks. */
    FORBIDDEN_DOCTYPE,
    /** The document names a character encoding this JVM cannot decode. */
    UNSUPPORTED_ENCODING
}
