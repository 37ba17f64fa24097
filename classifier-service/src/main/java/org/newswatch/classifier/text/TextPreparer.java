package org.newswatch.classifier.text;

/**
 * Turns the raw fields of an article into {@link PreparedField}s: cut to a size limit (so a 5 MB page costs
 * no more than its first characters), HTML read with jsoup when the field carries markup, folded and split
 * into words. Never throws on odd input: lone surrogates, control and format characters fold away.
 */
public final class TextPreparer {

    public static final String TITLE = "title";
    public static final String SUMMARY = "summary";
    public static final String CONTENT = "content";

    private final TextLimits limits;

    public TextPreparer(TextLimits limits) {
        this.limits = limits;
    }

    public PreparedField prepare(String name, String text, int maxChars) {
        String original = truncate(text == null ? "" : text, maxChars);
        FoldedText.Builder folded = new FoldedText.Builder(original.length());
        String plain;
        if (HtmlText.looksLikeHtml(original)) {
            StringBuilder plainText = new StringBuilder(original.length());
            HtmlText.read(original, folded, plainText);
            plain = plainText.toString();
        } else {
            folded.appendOriginal(original, 0, original.length());
            plain = original;
        }
        FoldedText foldedText = folded.build();
        return new PreparedField(name, original, foldedText, Tokens.of(foldedText), plain);
    }

    public PreparedField title(String text) {
        return prepare(TITLE, text, limits.titleChars());
    }

    public PreparedField summary(String text) {
        return prepare(SUMMARY, text, limits.summaryChars());
    }

    public PreparedField content(String text) {
        return prepare(CONTENT, text, limits.contentChars());
    }

    /** The first {@code maxChars} characters, never ending inside a surrogate pair. */
    static String truncate(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int end = maxChars;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
