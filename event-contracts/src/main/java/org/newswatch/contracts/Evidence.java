package org.newswatch.contracts;

/**
 * Why a topic scored: one matched span of the article.
 *
 * @param field which text the span is in: {@code title}, {@code summary} or {@code content}
 * @param start offset of the first character of the span in that field (UTF-16 code units, as Java and
 *              JavaScript index strings)
 * @param end   offset just past the last character
 * @param text  the matched text, so a reader need not slice the field
 * @param rule  the rule or signal that fired, as named in the topic definition
 */
public record Evidence(String field, int start, int end, String text, String rule) {

    public Evidence {
        Checks.requireText(field, "evidence field");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("evidence offsets [" + start + ", " + end + ") are not a span");
        }
        text = Checks.orEmpty(text);
        Checks.requireText(rule, "evidence rule");
    }
}
