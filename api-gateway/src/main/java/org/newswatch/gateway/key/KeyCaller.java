package org.newswatch.gateway.key;

import java.util.Optional;
import java.util.UUID;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who a request comes from, as the gateway needs it: the key's id, role, the owner it acts for and its own rate
 * limit (null for the default). Held in the identity's attributes.
 */
public record KeyCaller(UUID keyId, KeyRole role, String owner, Integer requestsPerMinute) {

    public static final String ATTRIBUTE = "newswatch.key";
    /** The owner alone, as a string attribute, for code that needs nothing else. */
    public static final String OWNER_ATTRIBUTE = "newswatch.owner";

    /** The caller behind an identity, empty for an anonymous one. */
    public static Optional<KeyCaller> of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return Optional.empty();
        }
        return Optional.ofNullable(identity.getAttribute(ATTRIBUTE));
    }

    public boolean admin() {
        return role == KeyRole.ADMIN;
    }
}
