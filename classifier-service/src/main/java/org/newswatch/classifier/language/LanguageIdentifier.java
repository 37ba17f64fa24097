package org.newswatch.classifier.language;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;

/**
 * Tells the language of an article with Lingua, restricted to the languages the topics are written for (so
 * only their models load, and a Portuguese story is not mistaken for any of 70 other languages it is not).
 * When the text is too short to tell, or Lingua cannot decide, the feed's declared language is used if it
 * is a language code, else {@link #UNDETERMINED}: the same input always gets the same answer.
 */
public final class LanguageIdentifier {

    /** ISO 639-1 codes of the languages the classifier detects and topics may have terms for. */
    public static final List<String> SUPPORTED = List.of("en", "fr", "es", "de", "nl", "ar");
    public static final String UNDETERMINED = "und";

    private static final Set<Language> LANGUAGES = EnumSet.of(Language.ENGLISH, Language.FRENCH, Language.SPANISH,
            Language.GERMAN, Language.DUTCH, Language.ARABIC);
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[a-zA-Z]{2,3}([-_][a-zA-Z0-9]{1,8})*");

    private final LanguageDetector detector;
    private final LanguageSettings settings;

    public LanguageIdentifier(LanguageSettings settings) {
        this.settings = settings;
        LanguageDetectorBuilder builder = LanguageDetectorBuilder.fromLanguages(LANGUAGES.toArray(Language[]::new))
                .withMinimumRelativeDistance(settings.minimumRelativeDistance())
                .withPreloadedLanguageModels();
        if (settings.lowAccuracy()) {
            builder = builder.withLowAccuracyMode();
        }
        this.detector = builder.build();
    }

    /**
     * The language of {@code text} (ISO 639-1), else the declared one, else {@code und}.
     *
     * @param text     the article's readable text; only its first characters are read
     * @param declared the language the feed declares (BCP 47), or null
     */
    public String identify(String text, String declared) {
        String sample = sample(text);
        if (letters(sample) >= settings.minimumLetters()) {
            Language language = detector.detectLanguageOf(sample);
            if (language != Language.UNKNOWN) {
                return language.getIsoCode639_1().toString().toLowerCase(Locale.ROOT);
            }
        }
        return fallback(declared);
    }

    /** The primary subtag of a declared BCP 47 language tag, or {@code und} when it is not one. */
    public static String fallback(String declared) {
        if (declared == null || !LANGUAGE_TAG.matcher(declared.strip()).matches()) {
            return UNDETERMINED;
        }
        String primary = declared.strip().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
        return primary.equals("und") ? UNDETERMINED : primary;
    }

    private String sample(String text) {
        if (text == null) {
            return "";
        }
        if (text.length() <= settings.sampleChars()) {
            return text;
        }
        int end = settings.sampleChars();
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    private static int letters(String text) {
        int letters = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isLetter(text.charAt(i))) {
                letters++;
            }
        }
        return letters;
    }
}
