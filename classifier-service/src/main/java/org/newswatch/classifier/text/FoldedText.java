package org.newswatch.classifier.text;

import java.util.Arrays;

/**
 * A field's text as matching sees it ({@link CharFolding}), where every folded character remembers the span
 * of the original field text it came from, so evidence points at what the reader sees.
 */
public final class FoldedText implements CharSequence {

    private final char[] chars;
    private final int[] originStart;
    private final int[] originEnd;
    private final int length;

    private FoldedText(char[] chars, int[] originStart, int[] originEnd, int length) {
        this.chars = chars;
        this.originStart = originStart;
        this.originEnd = originEnd;
        this.length = length;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        return chars[index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new String(chars, start, end - start);
    }

    /** Offset in the original text of the first character that folded to {@code index}. */
    public int originStart(int index) {
        return originStart[index];
    }

    /** Offset in the original text just past the character that folded to {@code index}. */
    public int originEnd(int index) {
        return originEnd[index];
    }

    @Override
    public String toString() {
        return new String(chars, 0, length);
    }

    /** Builds a folded text from original characters, collapsing runs of spaces. */
    public static final class Builder {
        private char[] chars;
        private int[] originStart;
        private int[] originEnd;
        private int length;

        public Builder(int expectedLength) {
            int capacity = Math.max(16, expectedLength + expectedLength / 8);
            chars = new char[capacity];
            originStart = new int[capacity];
            originEnd = new int[capacity];
        }

        /** Folds the original text {@code text[from, to)}, whose offsets are also the origin offsets. */
        public Builder appendOriginal(String text, int from, int to) {
            int i = from;
            while (i < to) {
                int cp = Character.codePointAt(text, i);
                int next = i + Character.charCount(cp);
                if (next > to) {
                    // A surrogate pair cut by the range: the half inside it is a lone surrogate.
                    cp = text.charAt(i);
                    next = i + 1;
                }
                appendFolded(CharFolding.fold(cp), i, next);
                i = next;
            }
            return this;
        }

        /** Adds the folded form of {@code codePoint}, which came from the original span [start, end). */
        public Builder appendCodePoint(int codePoint, int start, int end) {
            return appendFolded(CharFolding.fold(codePoint), start, end);
        }

        /** A boundary no sentence or phrase crosses (between HTML blocks, or between title and summary). */
        public Builder appendBoundary(int origin) {
            return appendFolded(".", origin, origin).appendFolded(" ", origin, origin);
        }

        private Builder appendFolded(String folded, int start, int end) {
            for (int k = 0; k < folded.length(); k++) {
                char c = folded.charAt(k);
                if (c == ' ' && (length == 0 || chars[length - 1] == ' ')) {
                    continue;
                }
                ensureCapacity();
                chars[length] = c;
                originStart[length] = start;
                originEnd[length] = end;
                length++;
            }
            return this;
        }

        private void ensureCapacity() {
            if (length == chars.length) {
                int capacity = chars.length * 2;
                chars = Arrays.copyOf(chars, capacity);
                originStart = Arrays.copyOf(originStart, capacity);
                originEnd = Arrays.copyOf(originEnd, capacity);
            }
        }

        public FoldedText build() {
            return new FoldedText(chars, originStart, originEnd, length);
        }
    }
}
