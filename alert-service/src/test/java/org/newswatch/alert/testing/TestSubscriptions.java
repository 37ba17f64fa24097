package org.newswatch.alert.testing;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.awaitility.core.ConditionTimeoutException;
import org.newswatch.alert.secret.SubscriptionSecrets;
import org.newswatch.alert.subscription.Digest;
import org.newswatch.alert.subscription.DeliveryMode;
import org.newswatch.alert.subscription.KeywordMode;
import org.newswatch.alert.subscription.NewSubscription;
import org.newswatch.alert.subscription.SubscriptionRepository;

import jakarta.inject.Singleton;

/**
 * Subscriptions for the delivery tests, stored through the subscription side's own repository and secrets,
 * and the delivery rows as the database has them. Every subscription made here is deleted by
 * {@link #deleteAll()}, so that one test's stories never reach another test's receivers.
 */
@Singleton
public class TestSubscriptions {

    /** A webhook subscription and its signing secret. */
    public record Webhook(UUID id, String secret) {
    }

    /** A delivery row. */
    public record Delivery(UUID id, String state, int attempts, Instant nextAttemptAt, Integer lastStatus,
            String lastError, Instant digestAt, boolean lastAttemptFinished) {
    }

    /** An owner_notice row: what the owner of a disabled subscription is told by e-mail. */
    public record Notice(UUID id, String state, int attempts, Instant nextAttemptAt, String lastError) {
    }

    /** A delivery_attempt row. */
    public record Attempt(int attempt, Instant startedAt, Instant finishedAt, Integer statusCode, String error) {
    }

    private final SubscriptionRepository repository;
    private final SubscriptionSecrets secrets;
    private final DataSource dataSource;
    private final List<UUID> created = new ArrayList<>();

    public TestSubscriptions(SubscriptionRepository repository, SubscriptionSecrets secrets, DataSource dataSource) {
        this.repository = repository;
        this.secrets = secrets;
        this.dataSource = dataSource;
    }

    public Webhook webhook(String owner, String url, List<String> topics) {
        UUID id = UUID.randomUUID();
        SubscriptionSecrets.Issued issued = secrets.issue(id);
        repository.insert(new NewSubscription(id, owner, "hooks of " + owner, topics, List.of(), KeywordMode.ANY, 0.5,
                List.of(), List.of(), "webhook", url, DeliveryMode.IMMEDIATE, null), issued.encrypted());
        created.add(id);
        return new Webhook(id, issued.secret().value());
    }

    public UUID email(String owner, String name, String address, List<String> topics, Digest digest) {
        UUID id = UUID.randomUUID();
        repository.insert(new NewSubscription(id, owner, name, topics, List.of(), KeywordMode.ANY, 0.5, List.of(),
                List.of(), "email", address, digest == null ? DeliveryMode.IMMEDIATE : DeliveryMode.DIGEST, digest), null);
        created.add(id);
        return id;
    }

    /** Marks an address confirmed, as following its confirmation link would. */
    public void confirmDirectly(String address) {
        update("UPDATE subscriber SET confirmed_at = now(), confirmation_sent_at = now() WHERE email = ?", address);
    }

    public void deleteAll() {
        for (UUID id : created) {
            repository.delete(id, Optional.empty());
        }
        created.clear();
    }

    /**
     * Moves every pending delivery of other subscriptions to {@code until}. A test that jumps the clock by days
     * calls it first: otherwise the retries left by earlier test classes (to receivers long gone) all fall due at
     * once and take the workers the test is waiting for.
     */
    public int parkPendingDeliveriesExcept(Instant until, UUID... keep) {
        String kept = String.join(",", Arrays.stream(keep).map(UUID::toString).toList());
        return update("""
                UPDATE delivery SET next_attempt_at = ?
                 WHERE state = 'pending' AND subscription_id::text <> ALL (string_to_array(?, ','))
                """, Timestamp.from(until), kept);
    }

    public Optional<Delivery> delivery(UUID subscriptionId, String articleId) {
        return query("""
                SELECT d.id, d.state, d.attempts, d.next_attempt_at, d.last_status, d.last_error, d.digest_at,
                       EXISTS (SELECT 1 FROM delivery_attempt a
                                WHERE a.delivery_id = d.id AND a.attempt = d.attempts AND a.finished_at IS NOT NULL)
                  FROM delivery d WHERE d.subscription_id = ? AND d.article_id = ?
                """, rs -> new Delivery(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3),
                rs.getTimestamp(4).toInstant(), (Integer) rs.getObject(5), rs.getString(6),
                rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant(), rs.getBoolean(8)),
                subscriptionId, articleId)
                .stream().findFirst();
    }

    /**
     * Waits until the delivery is in {@code state} after {@code attempts} attempts, the last of them finished
     * (a claimed delivery already counts its attempt while the attempt runs).
     */
    public Delivery awaitDelivery(UUID subscriptionId, String articleId, String state, int attempts, Duration atMost) {
        try {
            // One query, one snapshot: the delivery and whether its last attempt is recorded as finished.
            return await().atMost(atMost).until(() -> delivery(subscriptionId, articleId).filter(d ->
                    d.state().equals(state) && d.attempts() == attempts && (attempts == 0 || d.lastAttemptFinished())),
                    Optional::isPresent).get();
        } catch (ConditionTimeoutException e) {
            Optional<Delivery> now = delivery(subscriptionId, articleId);
            throw new AssertionError("expected delivery " + state + " after " + attempts + " attempts, but it is " + now
                    + (now.isPresent() ? " with attempts " + attempts(now.get().id()) : "") + "; subscription "
                    + status(subscriptionId), e);
        }
    }

    public List<Attempt> attempts(UUID deliveryId) {
        return query("""
                SELECT attempt, started_at, finished_at, status_code, error FROM delivery_attempt
                 WHERE delivery_id = ? ORDER BY attempt
                """, rs -> new Attempt(rs.getInt(1), rs.getTimestamp(2).toInstant(),
                rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(), (Integer) rs.getObject(4),
                rs.getString(5)), deliveryId);
    }

    /** The owner notices about a subscription, oldest first. */
    public List<Notice> notices(UUID subscriptionId) {
        return query("""
                SELECT id, state, attempts, next_attempt_at, last_error FROM owner_notice
                 WHERE subscription_id = ? ORDER BY created_at, id
                """, rs -> new Notice(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3),
                rs.getTimestamp(4).toInstant(), rs.getString(5)), subscriptionId);
    }

    /** Waits until the subscription has exactly one owner notice, in {@code state} after {@code attempts} attempts. */
    public Notice awaitNotice(UUID subscriptionId, String state, int attempts, Duration atMost) {
        try {
            return await().atMost(atMost).until(() -> notices(subscriptionId), notices -> notices.size() == 1
                    && notices.get(0).state().equals(state) && notices.get(0).attempts() == attempts).get(0);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("expected one owner notice " + state + " after " + attempts + " attempts, but there are "
                    + notices(subscriptionId), e);
        }
    }

    /** The status and disabled reason of a subscription. */
    public List<String> status(UUID subscriptionId) {
        return query("SELECT status, disabled_reason FROM subscription WHERE id = ?",
                rs -> rs.getString(1) + ": " + rs.getString(2), subscriptionId);
    }

    public Optional<Instant> unsubscribedAt(String address) {
        return query("SELECT unsubscribed_at FROM subscriber WHERE email = ?", rs -> rs.getTimestamp(1), address)
                .stream().filter(t -> t != null).map(Timestamp::toInstant).findFirst();
    }

    public Optional<Instant> confirmedAt(String address) {
        return query("SELECT confirmed_at FROM subscriber WHERE email = ?", rs -> rs.getTimestamp(1), address)
                .stream().filter(t -> t != null).map(Timestamp::toInstant).findFirst();
    }

    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    public <T> List<T> query(String sql, Row<T> row, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.read(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public int update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
