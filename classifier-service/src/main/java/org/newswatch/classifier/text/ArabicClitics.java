package org.newswatch.classifier.text;

/**
 * Arabic writes the article, "and", "by", "for" joined to the next word ({@code والمحكمة} "and the court").
 * Matching compares Arabic words without such a prefix, for text and terms alike.
 */
public final class ArabicClitics {

    private static final String[] PREFIXES = {"وبال", "وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل"};
    private static final int MIN_STEM = 3;

    private ArabicClitics() {
    }

    /** Offset where the word {@code text[from, to)} starts without its prefix, or -1 if it has none. */
    public static int stemStart(CharSequence text, int from, int to) {
        char first = text.charAt(from);
        if (first < '\u0600' || first > '\u06FF') {
            return -1;
        }
        for (String prefix : PREFIXES) {
            int stem = from + prefix.length();
            if (to - stem >= MIN_STEM && startsWith(text, from, prefix)) {
                return stem;
            }
        }
        return -1;
    }

    /** The word without its prefix (itself when it has none). */
    public static String stem(String word) {
        int start = stemStart(word, 0, word.length());
        return start < 0 ? word : word.substring(start);
    }

    private static boolean startsWith(CharSequence text, int from, String prefix) {
        for (int k = 0; k < prefix.length(); k++) {
            if (text.charAt(from + k) != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
