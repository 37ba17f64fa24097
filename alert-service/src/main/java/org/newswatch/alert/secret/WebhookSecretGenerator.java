package org.newswatch.alert.secret;

import java.security.SecureRandom;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

/** New webhook signing secrets: {@code whsec_} + base64 of 32 random bytes, as Standard Webhooks expects. */
@ApplicationScoped
public class WebhookSecretGenerator {

    static final int SECRET_BYTES = 32;

    private final SecureRandom random = new SecureRandom();

    public WebhookSecret generate() {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return new WebhookSecret(WebhookSecret.PREFIX + Base64.getEncoder().encodeToString(bytes));
    }
}
