package org.newswatch.alert.subscription;

import java.util.Locale;

/** When a subscription is told: as soon as a story matches, or in a digest. */
public enum DeliveryMode {
    IMMEDIATE,
    /** Grouped in an e-mail sent hourly or daily, see {@link Digest}. */
    DIGEST;

    /** The API and database form: {@code immediate} or {@code digest}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeliveryMode of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
