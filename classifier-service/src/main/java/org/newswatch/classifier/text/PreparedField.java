package org.newswatch.classifier.text;

/**
 * One field of an article ready for matching.
 *
 * @param name     {@code title}, {@code summary} or {@code content}, as evidence names it
 * @param original the field as given (cut to the field's limit); evidence offsets index this string
 * @param folded   the text matching reads
 * @param tokens   its words
 * @param plain    readable text without markup, for language detection
 */
public record PreparedField(String name, String original, FoldedText folded, Tokens tokens, String plain) {

    /** The original text behind folded words {@code [fromToken, toToken]} (inclusive). */
    public int originStart(int fromToken) {
        return folded.originStart(tokens.start(fromToken));
    }

    public int originEnd(int toToken) {
        return folded.originEnd(tokens.end(toToken) - 1);
    }
}
