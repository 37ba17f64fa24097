package org.newswatch.classifier.language;

/**
 * How language detection trades accuracy for time.
 *
 * @param sampleChars             only the first characters of an article are read: enough to tell a language
 * @param minimumLetters          fewer letters than this and the text is too short to tell
 * @param minimumRelativeDistance Lingua's margin between the best and second-best language; below it, unknown
 * @param lowAccuracy             Lingua's low-accuracy mode (trigrams only): faster, worse on short texts
 */
public record LanguageSettings(int sampleChars, int minimumLetters, double minimumRelativeDistance,
        boolean lowAccuracy) {

    public static final LanguageSettings DEFAULT = new LanguageSettings(120, 12, 0.0, true);
}
