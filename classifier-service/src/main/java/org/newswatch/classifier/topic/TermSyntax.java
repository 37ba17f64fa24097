package org.newswatch.classifier.topic;

import java.util.ArrayList;
import java.util.List;

import org.newswatch.classifier.text.ArabicClitics;
import org.newswatch.classifier.text.CharFolding;

/**
 * Reads a term as analysts write it into the words matching compares: folded like article text (case and
 * accents ignored), split on spaces, hyphens and apostrophes; a trailing {@code *} makes a prefix.
 */
public final class TermSyntax {

    /** Prefixes shorter than this would match too many words ({@code ju*}). */
    public static final int MIN_PREFIX = 3;

    /** One word of a term. */
    public record Word(String text, boolean prefix) {
    }

    private TermSyntax() {
    }

    /** The words of {@code pattern}; throws {@link IllegalArgumentException} saying what is wrong. */
    public static List<Word> parse(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("is empty");
        }
        List<Word> words = new ArrayList<>();
        for (String piece : pattern.strip().split("\\s+")) {
            boolean prefix = piece.endsWith("*");
            String body = prefix ? piece.substring(0, piece.length() - 1) : piece;
            if (body.indexOf('*') >= 0) {
                throw new IllegalArgumentException("'" + pattern + "' has a * inside a word; only a trailing * (prefix) is allowed");
            }
            List<String> parts = splitFolded(CharFolding.fold(body));
            if (parts.isEmpty()) {
                if (prefix || !body.isEmpty()) {
                    throw new IllegalArgumentException("'" + pattern + "' has a word without letters or digits: '" + piece + "'");
                }
                continue;
            }
            for (int i = 0; i < parts.size(); i++) {
                boolean last = i == parts.size() - 1;
                String part = parts.get(i);
                if (last && prefix && part.length() < MIN_PREFIX) {
                    throw new IllegalArgumentException("'" + pattern + "' has the prefix '" + piece + "', shorter than "
                            + MIN_PREFIX + " letters: it would match too many words");
                }
                // Arabic words are compared without a joined article or conjunction, in text and terms alike.
                words.add(new Word(ArabicClitics.stem(part), last && prefix));
            }
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("'" + pattern + "' has no letters or digits");
        }
        return words;
    }

    private static List<String> splitFolded(String folded) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < folded.length()) {
            if (Character.isLetterOrDigit(folded.charAt(i))) {
                int start = i;
                while (i < folded.length() && Character.isLetterOrDigit(folded.charAt(i))) {
                    i++;
                }
                parts.add(folded.substring(start, i));
            } else {
                i++;
            }
        }
        return parts;
    }
}
