package org.newswatch.classifier.text;

/**
 * How much of each field is read: the first characters of each, so a huge article costs a bounded time.
 * Feeds carry a title and a short summary; the opening of a story says what it is about.
 */
public record TextLimits(int titleChars, int summaryChars, int contentChars) {

    public static final TextLimits DEFAULT = new TextLimits(1_000, 10_000, 20_000);

    public TextLimits {
        if (titleChars <= 0 || summaryChars <= 0 || contentChars <= 0) {
            throw new IllegalArgumentException("text limits must be positive: " + titleChars + ", " + summaryChars
                    + ", " + contentChars);
        }
    }
}
