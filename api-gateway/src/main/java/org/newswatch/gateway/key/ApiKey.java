package org.newswatch.gateway.key;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored API key (never its secret): its role, the owner it acts for and its own rate, if it has one.
 *
 * @param owner the owner of its subscriptions: the one given at creation, else the key's id
 * @param requestsPerMinute its own limit, or null for the configured default
 */
public record ApiKey(UUID id, String name, KeyRole role, String owner, Integer requestsPerMinute, Instant createdAt,
        Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
