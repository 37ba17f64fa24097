package org.newswatch.classifier.text;

import java.util.Arrays;

/**
 * The words of a {@link FoldedText}: maximal runs of letters and digits (so apostrophes and hyphens split
 * words: {@code l'ICC} is {@code l}, {@code icc}), each with the number of the sentence it is in.
 * Arabic words may also be read without a leading conjunction, preposition or article ({@link ArabicClitics}).
 */
public final class Tokens {

    private final FoldedText text;
    private final int[] start;
    private final int[] end;
    private final int[] sentence;
    /** Start of the word without its Arabic prefix, or -1. */
    private final int[] strippedStart;
    private final int count;

    private Tokens(FoldedText text, int[] start, int[] end, int[] sentence, int[] strippedStart, int count) {
        this.text = text;
        this.start = start;
        this.end = end;
        this.sentence = sentence;
        this.strippedStart = strippedStart;
        this.count = count;
    }

    public static Tokens of(FoldedText text) {
        int n = text.length();
        int capacity = Math.max(8, n / 5);
        int[] start = new int[capacity];
        int[] end = new int[capacity];
        int[] sentence = new int[capacity];
        int[] stripped = new int[capacity];
        int count = 0;
        int currentSentence = 0;
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                int s = i;
                while (i < n && Character.isLetterOrDigit(text.charAt(i))) {
                    i++;
                }
                if (count == start.length) {
                    start = Arrays.copyOf(start, count * 2);
                    end = Arrays.copyOf(end, count * 2);
                    sentence = Arrays.copyOf(sentence, count * 2);
                    stripped = Arrays.copyOf(stripped, count * 2);
                }
                start[count] = s;
                end[count] = i;
                sentence[count] = currentSentence;
                stripped[count] = ArabicClitics.stemStart(text, s, i);
                count++;
                continue;
            }
            if (CharFolding.SENTENCE_END.indexOf(c) >= 0 && (i + 1 == n || text.charAt(i + 1) == ' ')
                    && !(c == '.' && count > 0 && end[count - 1] == i && end[count - 1] - start[count - 1] == 1)) {
                // "u.s. sanctions" is one sentence: a full stop right after a one-letter word is an abbreviation.
                currentSentence++;
            }
            i++;
        }
        return new Tokens(text, start, end, sentence, stripped, count);
    }

    public int count() {
        return count;
    }

    public FoldedText text() {
        return text;
    }

    /** Folded offset of the first character of word {@code i}. */
    public int start(int i) {
        return start[i];
    }

    /** Folded offset just past word {@code i}. */
    public int end(int i) {
        return end[i];
    }

    /** Folded offset of word {@code i} without its Arabic prefix, or -1 when it has none. */
    public int strippedStart(int i) {
        return strippedStart[i];
    }

    public int sentence(int i) {
        return sentence[i];
    }

    /** Word {@code i} as a string (tests and diagnostics; matching reads the characters). */
    public String word(int i) {
        StringBuilder word = new StringBuilder(end[i] - start[i]);
        for (int k = start[i]; k < end[i]; k++) {
            word.append(text.charAt(k));
        }
        return word.toString();
    }
}
