package org.newswatch.alert.mail;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * The tokens in the links of alert mails: {@code base64url(purpose:id:expiry).base64url(HMAC-SHA256)}. The
 * MAC covers the purpose (a confirmation token cannot unsubscribe, nor the reverse), the id, the expiry and
 * a binding the token is only good for (the address, plus the confirmation nonce for confirmations), so a
 * token dies when the address changes or a newer confirmation is due.
 */
@Singleton
public class SignedLinkTokens {

    /** What a token is good for. */
    public enum Purpose {
        CONFIRM("confirm an address"), UNSUBSCRIBE("unsubscribe");

        private final String action;

        Purpose(String action) {
            this.action = action;
        }

        String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A token's claims, read before its MAC is checked against the binding they name. */
    public record Claims(Purpose purpose, UUID id, Instant expiresAt) {
    }

    /** A token that is not (or no longer) good for what it is used for; the message says why, in plain words. */
    public static final class InvalidTokenException extends Exception {
        public InvalidTokenException(String message) {
            super(message);
        }
    }

    private static final int MIN_KEY_LENGTH = 32;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    @Inject
    public SignedLinkTokens(MailConfig config) {
        this(config.linkKey());
    }

    SignedLinkTokens(String key) {
        if (key == null || key.length() < MIN_KEY_LENGTH) {
            throw new IllegalStateException("newswatch.alert.mail.link-key must be at least " + MIN_KEY_LENGTH
                    + " characters long");
        }
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String issue(Purpose purpose, UUID id, Instant expiresAt, String binding) {
        String claims = purpose.value() + ":" + id + ":" + expiresAt.getEpochSecond();
        return ENCODER.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "."
                + ENCODER.encodeToString(mac(claims, binding));
    }

    /**
     * The claims of a well-formed token of {@code purpose} that has not expired at {@code now}. Its MAC is not
     * checked yet: that needs the binding, which the caller looks up by the id; then {@link #verify}.
     */
    public Claims read(String token, Purpose purpose, Instant now) throws InvalidTokenException {
        if (token == null || token.isBlank()) {
            throw new InvalidTokenException("the link has no token");
        }
        int dot = token.indexOf('.');
        String[] parts;
        try {
            String claims = new String(DECODER.decode(dot < 0 ? token : token.substring(0, dot)), StandardCharsets.UTF_8);
            parts = claims.split(":", -1);
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("the link is damaged (it may have been cut or changed)");
        }
        if (dot < 0 || parts.length != 3) {
            throw new InvalidTokenException("the link is damaged (it may have been cut or changed)");
        }
        if (!parts[0].equals(purpose.value())) {
            throw new InvalidTokenException("this link cannot be used to " + purpose.action);
        }
        UUID id;
        Instant expiresAt;
        try {
            id = UUID.fromString(parts[1]);
            expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[2]));
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("the link is damaged (it may have been cut or changed)");
        }
        if (!now.isBefore(expiresAt)) {
            throw new InvalidTokenException("the link expired on " + expiresAt);
        }
        return new Claims(purpose, id, expiresAt);
    }

    /** Checks the token's MAC against {@code binding}, the value it was issued for. */
    public void verify(String token, Claims claims, String binding) throws InvalidTokenException {
        byte[] given;
        try {
            given = DECODER.decode(token.substring(token.indexOf('.') + 1));
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("the link is damaged (it may have been cut or changed)");
        }
        String signed = claims.purpose().value() + ":" + claims.id() + ":" + claims.expiresAt().getEpochSecond();
        if (!MessageDigest.isEqual(given, mac(signed, binding))) {
            throw new InvalidTokenException("the link is not valid: it was changed, or a newer link replaced it");
        }
    }

    private byte[] mac(String claims, String binding) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal((claims + "\n" + binding).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
