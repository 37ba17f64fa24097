package org.newswatch.alert.secret;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.newswatch.alert.config.AlertConfig;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Encrypts secrets at rest with AES-256-GCM. A ciphertext reads {@code v1:<key id>:<base64(nonce ||
 * ciphertext || tag)>}: the key id (first 8 hex digits of the key's SHA-256) lets a changed key still
 * decrypt older values through {@code newswatch.alert.retired-secret-keys}. The caller binds each value to
 * where it is stored (associated data), so a ciphertext copied to another row does not decrypt.
 * Started eagerly: without a key the service refuses to start.
 */
@Startup
@ApplicationScoped
public class SecretCipher {

    private static final String VERSION = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 32;

    private final SecureRandom random = new SecureRandom();
    private final String currentKeyId;
    private final Map<String, SecretKey> keys = new LinkedHashMap<>();

    public SecretCipher(AlertConfig config) {
        String current = config.secretKey().filter(value -> !value.isBlank()).orElseThrow(() ->
                new IllegalStateException("newswatch.alert.secret-key (env NEWSWATCH_ALERT_SECRET_KEY) is not set: "
                        + "webhook secrets are encrypted at rest with it. Set it to base64 of 32 random bytes, e.g. "
                        + "the output of `openssl rand -base64 32`; only the local and test profiles carry one."));
        SecretKey key = parseKey(current, "newswatch.alert.secret-key");
        currentKeyId = keyId(key);
        keys.put(currentKeyId, key);
        List<String> retired = config.retiredSecretKeys().orElse(List.of());
        for (int i = 0; i < retired.size(); i++) {
            SecretKey old = parseKey(retired.get(i), "newswatch.alert.retired-secret-keys[" + i + "]");
            keys.putIfAbsent(keyId(old), old);
        }
    }

    private static SecretKey parseKey(String base64, String property) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is not base64", e);
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException(property + " must be base64 of " + KEY_BYTES + " bytes, not of "
                    + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    private static String keyId(SecretKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Encrypts {@code plain} with the current key, bound to {@code context} (e.g. row id and column). */
    public String encrypt(String plain, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return VERSION + ":" + currentKeyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt with AES-GCM", e);
        }
    }

    /**
     * Decrypts a value {@link #encrypt} wrote for the same {@code context}.
     *
     * @throws IllegalStateException when the value is malformed, written with an unknown key, or altered
     */
    public String decrypt(String stored, String context) {
        String[] parts = stored.split(":", 3);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new IllegalStateException("stored secret for " + context + " is not a " + VERSION + " ciphertext");
        }
        SecretKey key = keys.get(parts[1]);
        if (key == null) {
            throw new IllegalStateException("stored secret for " + context + " was encrypted with key " + parts[1]
                    + ", which is neither newswatch.alert.secret-key nor one of the retired keys " + retiredKeyIds());
        }
        try {
            byte[] in = Base64.getDecoder().decode(parts[2]);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("stored secret for " + context + " does not authenticate: altered, or "
                    + "stored for another row", e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("stored secret for " + context + " cannot be decrypted", e);
        }
    }

    /** The id of the key new values are encrypted with. */
    public String currentKeyId() {
        return currentKeyId;
    }

    private List<String> retiredKeyIds() {
        List<String> ids = new ArrayList<>(keys.keySet());
        ids.remove(currentKeyId);
        return ids;
    }
}
