package org.newswatch.gateway.key;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The secret part of an API key: {@code nwk_} and 32 random bytes (base64url), shown once. Only its SHA-256
 * (lowercase hex of the UTF-8 key) is stored; that hash format is a contract other code and tests rely on.
 */
public final class ApiKeySecret {

    public static final String PREFIX = "nwk_";
    /** Longer Authorization values are refused before hashing: no real key is near this. */
    public static final int MAX_LENGTH = 512;

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecret() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
