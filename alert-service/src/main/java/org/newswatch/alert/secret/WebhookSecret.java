package org.newswatch.alert.secret;

/**
 * A webhook signing secret in plain form ({@code whsec_} + base64 of the key bytes), as the Standard Webhooks
 * libraries take it. Its {@code toString} never shows the value, so it cannot end up in a log by accident.
 */
public record WebhookSecret(String value) {

    public static final String PREFIX = "whsec_";

    public WebhookSecret {
        if (value == null || !value.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a webhook secret starts with " + PREFIX);
        }
    }

    @Override
    public String toString() {
        return "WebhookSecret[redacted]";
    }
}
