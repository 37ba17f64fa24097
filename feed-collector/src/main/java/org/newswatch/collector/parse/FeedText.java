package org.newswatch.collector.parse;

/**
 * A text field as a feed gives it, before cleaning.
 *
 * @param value the text as published (may be null)
 * @param html  whether {@code value} is HTML to render, rather than text to show as is
 */
record FeedText(String value, boolean html) {

    static final FeedText NONE = new FeedText(null, false);

    static FeedText html(String value) {
        return new FeedText(value, true);
    }

    static FeedText plain(String value) {
        return new FeedText(value, false);
    }

    boolean isBlank() {
        return value == null || value.isBlank();
    }

    /** Plain text, paragraphs kept as line breaks. */
    String toText() {
        return html ? HtmlText.toText(value) : HtmlText.cleanText(value);
    }

    /** Plain text on one line. */
    String toLine() {
        return html ? HtmlText.toLine(value) : HtmlText.cleanLine(value);
    }
}
