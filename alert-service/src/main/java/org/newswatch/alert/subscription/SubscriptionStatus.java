package org.newswatch.alert.subscription;

import java.util.Locale;

/** Whether a subscription is matched. Only {@link #ACTIVE} subscriptions get new deliveries. */
public enum SubscriptionStatus {
    ACTIVE,
    /** Paused by its owner; resumable. */
    PAUSED,
    /** Disabled by the service, with a reason (an endpoint failing for days, an unsubscribe); resumable. */
    DISABLED;

    /** The API and database form: {@code active}, {@code paused} or {@code disabled}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SubscriptionStatus of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
