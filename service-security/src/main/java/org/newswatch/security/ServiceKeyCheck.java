package org.newswatch.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Decides whether an {@code Authorization} header carries the service key. Without a configured key nothing
 * is accepted: a service that was started without one refuses every protected call instead of opening them.
 */
public final class ServiceKeyCheck {

    /** Why a request was refused; the texts go to the caller and never contain the key. */
    public enum Refusal {
        NO_KEY_CONFIGURED("this service has no service key configured (newswatch.service-key), so it accepts no changes"),
        MISSING_CREDENTIALS("missing Authorization: Bearer <service key>"),
        WRONG_SCHEME("the Authorization header must use the Bearer scheme"),
        WRONG_KEY("the service key is not valid");

        private final String detail;

        Refusal(String detail) {
            this.detail = detail;
        }

        public String detail() {
            return detail;
        }
    }

    private static final String BEARER = "bearer ";

    private final byte[] expected;

    public ServiceKeyCheck(Optional<String> configuredKey) {
        this.expected = configuredKey.filter(key -> !key.isBlank())
                .map(key -> key.getBytes(StandardCharsets.UTF_8))
                .orElse(null);
    }

    /** The refusal for this header value, or empty when the request may pass. */
    public Optional<Refusal> refusalOf(String authorizationHeader) {
        if (expected == null) {
            return Optional.of(Refusal.NO_KEY_CONFIGURED);
        }
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            return Optional.of(Refusal.MISSING_CREDENTIALS);
        }
        if (authorizationHeader.length() < BEARER.length()
                || !authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.of(Refusal.WRONG_SCHEME);
        }
        byte[] given = authorizationHeader.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        // Constant time: how long a wrong key takes to refuse says nothing about how much of it was right.
        return MessageDigest.isEqual(expected, given) ? Optional.empty() : Optional.of(Refusal.WRONG_KEY);
    }
}
