package org.newswatch.alert.secret;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.newswatch.alert.DataAccessException;
import org.newswatch.alert.config.AlertConfig;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The webhook signing secrets of subscriptions: the only reader and writer of the encrypted secret
 * columns. Plain secrets leave it only as {@link WebhookSecret}, whose {@code toString} hides the value.
 */
@ApplicationScoped
public class SubscriptionSecrets {

    private static final String CURRENT = "webhook_secret";
    private static final String PREVIOUS = "webhook_previous_secret";

    private final DataSource dataSource;
    private final SecretCipher cipher;
    private final WebhookSecretGenerator generator;
    private final AlertConfig config;
    private final Clock clock;

    public SubscriptionSecrets(DataSource dataSource, SecretCipher cipher, WebhookSecretGenerator generator,
            AlertConfig config) {
        this.dataSource = dataSource;
        this.cipher = cipher;
        this.generator = generator;
        this.config = config;
        this.clock = Clock.systemUTC();
    }

    /** A new secret for subscription {@code id}, in plain form and encrypted for its {@code webhook_secret}. */
    public record Issued(WebhookSecret secret, String encrypted) {
        @Override
        public String toString() {
            return "Issued[redacted]";
        }
    }

    /** Generates the first secret of a webhook subscription about to be stored with id {@code id}. */
    public Issued issue(UUID id) {
        WebhookSecret secret = generator.generate();
        return new Issued(secret, cipher.encrypt(secret.value(), context(id, CURRENT)));
    }

    /**
     * The secrets a webhook of this subscription is signed with now: the current one first, then the one
     * before the last rotation while its overlap lasts. Standard Webhooks receivers accept a
     * {@code webhook-signature} with one signature per secret, separated by spaces.
     *
     * @return empty when the subscription does not exist or is not a webhook
     */
    public List<WebhookSecret> signingSecretsOf(UUID subscriptionId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT webhook_secret, webhook_previous_secret, webhook_previous_secret_expires_at"
                                + " FROM subscription WHERE id = ?")) {
            statement.setObject(1, subscriptionId);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null) {
                    return List.of();
                }
                List<WebhookSecret> secrets = new ArrayList<>(2);
                secrets.add(new WebhookSecret(cipher.decrypt(rs.getString(1), context(subscriptionId, CURRENT))));
                Timestamp expires = rs.getTimestamp(3);
                if (rs.getString(2) != null && expires.toInstant().isAfter(clock.instant())) {
                    secrets.add(new WebhookSecret(cipher.decrypt(rs.getString(2), context(subscriptionId, PREVIOUS))));
                }
                return List.copyOf(secrets);
            }
        } catch (SQLException e) {
            throw new DataAccessException("cannot read the secrets of subscription " + subscriptionId, e);
        }
    }

    /**
     * Replaces the secret of a webhook subscription with a new one; the replaced secret keeps signing for
     * {@code newswatch.alert.secret-rotation-overlap}. A secret still in its overlap from an earlier
     * rotation stops signing at once.
     *
     * @return the new secret, or empty when there is no such webhook subscription (for that owner)
     */
    @Transactional
    public Optional<Rotated> rotate(UUID id, Optional<String> owner) {
        try (Connection connection = dataSource.getConnection()) {
            String current;
            try (PreparedStatement lock = connection.prepareStatement(
                    "SELECT webhook_secret FROM subscription WHERE id = ? AND webhook_secret IS NOT NULL"
                            + (owner.isPresent() ? " AND owner = ?" : "") + " FOR UPDATE")) {
                lock.setObject(1, id);
                if (owner.isPresent()) {
                    lock.setString(2, owner.get());
                }
                try (ResultSet rs = lock.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    current = rs.getString(1);
                }
            }
            // Each column binds its ciphertext to itself, so the old secret is re-encrypted for its new place.
            String previousPlain = cipher.decrypt(current, context(id, CURRENT));
            WebhookSecret fresh = generator.generate();
            Instant overlapEnds = clock.instant().plus(config.secretRotationOverlap());
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE subscription SET webhook_secret = ?, webhook_previous_secret = ?,
                           webhook_previous_secret_expires_at = ?, updated_at = now()
                     WHERE id = ?
                    """)) {
                update.setString(1, cipher.encrypt(fresh.value(), context(id, CURRENT)));
                update.setString(2, cipher.encrypt(previousPlain, context(id, PREVIOUS)));
                update.setTimestamp(3, Timestamp.from(overlapEnds));
                update.setObject(4, id);
                update.executeUpdate();
            }
            return Optional.of(new Rotated(fresh, overlapEnds));
        } catch (SQLException e) {
            throw new DataAccessException("cannot rotate the secret of subscription " + id, e);
        }
    }

    /** The outcome of a rotation: the new secret and when the previous one stops signing. */
    public record Rotated(WebhookSecret secret, Instant previousExpiresAt) {
    }

    private static String context(UUID id, String column) {
        return "subscription:" + id + ":" + column;
    }
}
