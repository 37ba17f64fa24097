package org.newswatch.alert.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.newswatch.alert.config.FixedAlertConfig;

class SecretCipherTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString("another-key-of-32-bytes-length!!".getBytes());
    private static final String SECRET = "whsec_c2VjcmV0LXRoYXQtbXVzdC1uZXZlci1iZS1zdG9yZWQ=";

    @Test
    void encryptsWithAKeyIdAndDecryptsForTheSameContext() {
        SecretCipher cipher = new SecretCipher(FixedAlertConfig.withSecretKey(KEY));
        String stored = cipher.encrypt(SECRET, "subscription:1:webhook_secret");
        assertTrue(stored.startsWith("v1:" + cipher.currentKeyId() + ":"), stored);
        assertFalse(stored.contains(SECRET.substring(6)));
        assertEquals(SECRET, cipher.decrypt(stored, "subscription:1:webhook_secret"));
        assertNotEquals(stored, cipher.encrypt(SECRET, "subscription:1:webhook_secret"), "a fresh nonce each time");
    }

    @Test
    void refusesAnotherContextAndAlteredValues() {
        SecretCipher cipher = new SecretCipher(FixedAlertConfig.withSecretKey(KEY));
        String stored = cipher.encrypt(SECRET, "subscription:1:webhook_secret");
        var moved = assertThrows(IllegalStateException.class, () -> cipher.decrypt(stored, "subscription:2:webhook_secret"));
        assertTrue(moved.getMessage().contains("does not authenticate"), moved.getMessage());

        byte[] raw = Base64.getDecoder().decode(stored.substring(stored.lastIndexOf(':') + 1));
        raw[raw.length - 1] ^= 1;
        String altered = stored.substring(0, stored.lastIndexOf(':') + 1) + Base64.getEncoder().encodeToString(raw);
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(altered, "subscription:1:webhook_secret"));
        assertThrows(IllegalStateException.class, () -> cipher.decrypt("plain-text", "subscription:1:webhook_secret"));
    }

    @Test
    void aChangedKeyStillDecryptsOldValuesThroughRetiredKeys() {
        String stored = new SecretCipher(FixedAlertConfig.withSecretKey(KEY)).encrypt(SECRET, "c");
        SecretCipher rotated = new SecretCipher(FixedAlertConfig.withSecretKey(OTHER_KEY, KEY));
        assertEquals(SECRET, rotated.decrypt(stored, "c"));
        assertTrue(rotated.encrypt(SECRET, "c").startsWith("v1:" + rotated.currentKeyId()));

        SecretCipher forgotten = new SecretCipher(FixedAlertConfig.withSecretKey(OTHER_KEY));
        var e = assertThrows(IllegalStateException.class, () -> forgotten.decrypt(stored, "c"));
        assertTrue(e.getMessage().contains("retired"), e.getMessage());
    }

    @Test
    void refusesToStartWithoutAUsableKey() {
        var missing = assertThrows(IllegalStateException.class,
                () -> new SecretCipher(FixedAlertConfig.withSecretKey(null)));
        assertTrue(missing.getMessage().contains("NEWSWATCH_ALERT_SECRET_KEY"), missing.getMessage());
        var shortKey = assertThrows(IllegalStateException.class, () -> new SecretCipher(
                FixedAlertConfig.withSecretKey(Base64.getEncoder().encodeToString(new byte[16]))));
        assertTrue(shortKey.getMessage().contains("32 bytes"), shortKey.getMessage());
        var notBase64 = assertThrows(IllegalStateException.class,
                () -> new SecretCipher(FixedAlertConfig.withSecretKey("not base64 !")));
        assertTrue(notBase64.getMessage().contains("not base64"), notBase64.getMessage());
    }

    @Test
    void aSecretNeverShowsInToString() {
        WebhookSecret secret = new WebhookSecret(SECRET);
        assertFalse(secret.toString().contains("whsec_"));
        assertFalse(new SubscriptionSecrets.Issued(secret, "v1:x:y").toString().contains("whsec_"));
        assertTrue(new WebhookSecretGenerator().generate().value().matches("whsec_[A-Za-z0-9+/]{43}="));
    }
}
