package org.newswatch.alert.matching;

import java.util.List;
import java.util.Optional;

/**
 * One keyword of a subscription: a word, or a phrase whose words must follow each other. Written as given,
 * optionally in double quotes: {@code sanctions}, {@code "Rome Statute"} and {@code Rome Statute} (a
 * phrase too: several words always form one) are all keywords.
 *
 * @param text  the keyword as the owner wrote it
 * @param words its words, normalised like article text (see {@link Words})
 */
public record Keyword(String text, List<String> words) {

    /** The longest keyword accepted, in characters. */
    public static final int MAX_LENGTH = 200;

    /** Parses a keyword, or says why it is not one. */
    public static Keyword parse(String raw) {
        Optional<String> problem = parseOrProblem(raw);
        if (problem.isPresent()) {
            throw new IllegalArgumentException("keyword " + raw + " " + problem.get());
        }
        return new Keyword(raw.strip(), Words.of(unquoted(raw.strip())));
    }

    /** Why {@code raw} is not a keyword, or empty when it is one. */
    public static Optional<String> parseOrProblem(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.of("is empty");
        }
        String text = raw.strip();
        if (text.length() > MAX_LENGTH) {
            return Optional.of("is longer than " + MAX_LENGTH + " characters");
        }
        String inner = unquoted(text);
        if (inner.indexOf('"') >= 0 || (inner == text && text.indexOf('"') >= 0)) {
            return Optional.of("has an unbalanced or inner double quote: write one word or one \"quoted phrase\"");
        }
        if (Words.of(inner).isEmpty()) {
            return Optional.of("contains no letter or digit");
        }
        return Optional.empty();
    }

    private static String unquoted(String text) {
        return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")
                ? text.substring(1, text.length() - 1) : text;
    }

    public boolean isPhrase() {
        return words.size() > 1;
    }
}
