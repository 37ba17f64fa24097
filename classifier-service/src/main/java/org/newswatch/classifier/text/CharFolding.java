package org.newswatch.classifier.text;

import java.text.Normalizer;
import java.util.Locale;

/**
 * How one character is seen by matching: compatibility-decomposed (NFKD, so {@code ﬁ} is {@code fi} and
 * full-width letters are ASCII), accents and other combining marks dropped, lower-cased, with a few
 * letters spelled out ({@code ß} → {@code ss}, {@code œ} → {@code oe}) and Arabic letter variants unified.
 * Invisible format characters (zero-width spaces and joiners, direction marks, soft hyphens) fold to nothing,
 * so they cannot split a word; whitespace and symbols fold to a space; sentence punctuation stays.
 * Folding character by character keeps every folded character tied to the original character it came from.
 */
public final class CharFolding {

    /** Characters that end a sentence when followed by a space or the end of the field. */
    static final String SENTENCE_END = ".!?;\u061F\u06D4\u3002";

    private static final String[] BMP = new String[Character.MAX_VALUE + 1];

    static {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            BMP[c] = compute(c);
        }
    }

    private CharFolding() {
    }

    /** The folded form of {@code codePoint}: possibly empty, a space, punctuation, or letters and digits. */
    public static String fold(int codePoint) {
        if (codePoint <= Character.MAX_VALUE) {
            return BMP[codePoint];
        }
        return compute(codePoint);
    }

    /** Folds a whole string; lone surrogates become spaces. */
    public static String fold(CharSequence text) {
        StringBuilder folded = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int cp = Character.codePointAt(text, i);
            folded.append(fold(cp));
            i += Character.charCount(cp);
        }
        return folded.toString();
    }

    private static String compute(int cp) {
        if (Character.isSurrogate((char) cp) && cp <= Character.MAX_VALUE) {
            return " ";
        }
        int type = Character.getType(cp);
        if (type == Character.FORMAT || type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || cp == 0x0640 /* Arabic tatweel, a stretching stroke */) {
            return "";
        }
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || type == Character.CONTROL) {
            return " ";
        }
        switch (cp) {
            case 'ß': return "ss";
            case 'ẞ': return "ss";
            case 'œ': case 'Œ': return "oe";
            case 'æ': case 'Æ': return "ae";
            case 'ø': case 'Ø': return "o";
            case 'đ': case 'Đ': return "d";
            case 'ł': case 'Ł': return "l";
            case 'ı': return "i";
            case 'ة': return "ه"; // ta marbuta is written as ha in much of the press
            case 'ى': return "ي"; // alef maqsura and ya are confused in print
            case '\u2019': case '\u2018': case '\u02BC': case '`': case '\u00B4': return "'";
            default:
                break;
        }
        if (SENTENCE_END.indexOf(cp) >= 0) {
            return new String(Character.toChars(cp));
        }
        if (!Character.isLetterOrDigit(cp)) {
            // Apostrophes and hyphens split words like any other punctuation; keep them as a space.
            return cp == '\'' ? "'" : " ";
        }
        String decomposed = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKD);
        StringBuilder folded = new StringBuilder(decomposed.length());
        decomposed.codePoints().forEach(part -> {
            int partType = Character.getType(part);
            if (partType == Character.NON_SPACING_MARK || partType == Character.ENCLOSING_MARK
                    || partType == Character.COMBINING_SPACING_MARK || partType == Character.FORMAT) {
                return;
            }
            if (Character.isLetterOrDigit(part)) {
                folded.append(new String(Character.toChars(part)).toLowerCase(Locale.ROOT));
            } else if (!Character.isWhitespace(part)) {
                folded.append(' ');
            }
        });
        String result = folded.toString();
        // Folding must not turn one letter into something that is not a word character (e.g. "½" → "1 2").
        return result.isEmpty() ? " " : result;
    }
}
