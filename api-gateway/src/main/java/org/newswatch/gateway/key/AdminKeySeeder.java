package org.newswatch.gateway.key;

import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Stores the configured admin key ({@code newswatch.gateway.admin-key}, env {@code NEWSWATCH_ADMIN_KEY}) at
 * start-up, so that a fresh installation has a first key to create the others with. Idempotent across restarts
 * and instances; a key an administrator revoked stays revoked. The key itself is never logged.
 */
@ApplicationScoped
public class AdminKeySeeder {

    private static final Logger LOG = Logger.getLogger(AdminKeySeeder.class);
    static final String NAME = "configured admin key (newswatch.gateway.admin-key)";

    private final ApiKeyRepository keys;
    private final Optional<String> adminKey;

    public AdminKeySeeder(ApiKeyRepository keys,
            @ConfigProperty(name = "newswatch.gateway.admin-key") Optional<String> adminKey) {
        this.keys = keys;
        this.adminKey = adminKey.map(String::strip).filter(key -> !key.isEmpty());
    }

    void onStart(@Observes StartupEvent start) {
        if (adminKey.isEmpty()) {
            LOG.info("no admin key configured (newswatch.gateway.admin-key / NEWSWATCH_ADMIN_KEY); keys stored before"
                    + " stay valid");
            return;
        }
        ApiKey key = keys.insertIfAbsent(NAME, KeyRole.ADMIN, ApiKeySecret.hash(adminKey.get()));
        if (key.revoked()) {
            LOG.warnf("the configured admin key (id %s) was revoked at %s and stays revoked; configure another",
                    key.id(), key.revokedAt());
        } else if (key.role() != KeyRole.ADMIN) {
            LOG.warnf("the configured admin key matches key %s, whose role is %s, not admin", key.id(), key.role().value());
        } else {
            LOG.infof("configured admin key present (id %s)", key.id());
        }
    }
}
