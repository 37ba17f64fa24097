package org.newswatch.alert.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import com.standardwebhooks.exceptions.WebhookSigningException;

/**
 * Signs webhook messages per the Standard Webhooks specification: HMAC-SHA256 over
 * {@code id.timestamp.body} with each of the subscription's current secrets.
 */
public final class WebhookSigner {

    /** The signing headers of one message. */
    public record SignatureHeaders(String id, String timestamp, String signature) {
    }

    // Receivers compare webhook-timestamp with their own clock (the libraries allow five minutes either way),
    // so it is always the real time, never a scheduling clock.
    private final Clock wallClock;

    public WebhookSigner() {
        this(Clock.systemUTC());
    }

    WebhookSigner(Clock wallClock) {
        this.wallClock = wallClock;
    }

    /**
     * Signs {@code body} for message {@code id} with every secret given, in order; during a rotation overlap
     * that is the new and the old secret, and a receiver that knows either accepts the message.
     *
     * @param secrets {@code whsec_}-prefixed secrets (base64 key after the prefix); at least one
     */
    public SignatureHeaders sign(String id, String body, List<String> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("subscription has no signing secret");
        }
        long timestamp = Instant.now(wallClock).getEpochSecond();
        List<String> signatures = new ArrayList<>(secrets.size());
        for (String secret : secrets) {
            try {
                signatures.add(new Webhook(secret).sign(id, timestamp, body));
            } catch (EmptyWebhookSecretException | WebhookSigningException | IllegalArgumentException e) {
                // Never the secret itself in the message.
                throw new IllegalStateException("cannot sign webhook " + id + " with secret " + (signatures.size() + 1)
                        + " of " + secrets.size() + ": " + e.getMessage(), e);
            }
        }
        return new SignatureHeaders(id, Long.toString(timestamp), String.join(" ", signatures));
    }
}
