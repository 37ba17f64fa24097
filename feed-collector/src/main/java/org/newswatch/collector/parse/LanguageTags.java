package org.newswatch.collector.parse;

import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Turns the language codes feeds declare ({@code en-us}, {@code fr_FR}, {@code EN}) into BCP 47 tags. */
final class LanguageTags {

    private static final Pattern PLAUSIBLE = Pattern.compile("[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8})*");

    private LanguageTags() {
    }

    /** The BCP 47 form of a declared language, or null when there is none or it is not a language tag. */
    static String normalize(String declared) {
        if (declared == null) {
            return null;
        }
        String candidate = declared.strip();
        if (!PLAUSIBLE.matcher(candidate).matches()) {
            return null;
        }
        try {
            Locale locale = new Locale.Builder().setLanguageTag(candidate.replace('_', '-')).build();
            String tag = locale.toLanguageTag();
            return tag.equals("und") ? null : tag;
        } catch (IllformedLocaleException e) {
            return null;
        }
    }
}
