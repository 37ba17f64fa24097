package org.newswatch.alert.subscription;

import java.util.Locale;

/** How the keywords of a subscription combine. */
public enum KeywordMode {
    /** Every keyword occurs in the article. */
    ALL,
    /** At least one keyword occurs. */
    ANY;

    /** The API and database form: {@code all} or {@code any}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static KeywordMode of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
