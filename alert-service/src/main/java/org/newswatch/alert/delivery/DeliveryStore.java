package org.newswatch.alert.delivery;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.ToIntFunction;

import javax.sql.DataSource;

import org.newswatch.alert.DataAccessException;
import org.newswatch.contracts.ArticleClassified;
import org.newswatch.contracts.EventFormatException;
import org.newswatch.contracts.EventJson;

import org.eclipse.microprofile.faulttolerance.Retry;

import jakarta.inject.Singleton;

/**
 * The delivery rows as the workers see them: claiming due deliveries, recording attempts and their
 * outcomes, and the endpoint health that lives on the subscription ({@code failing_since}). Each method is
 * one short transaction of its own; nothing here waits for a receiver while holding a lock.
 */
@Singleton
public class DeliveryStore {

    /** A subscription the delivery side disabled, so that its owner can be told. */
    public record Disabled(UUID subscriptionId, String owner, String name, String channelTarget, String reason) {
    }

    private static final String CLAIMABLE = """
            SELECT d.id, d.subscription_id, d.attempts, d.retry_base, d.created_at, d.channel,
                   s.name, s.owner, s.channel_target, s.topics, a.event
              FROM delivery d
              JOIN subscription s ON s.id = d.subscription_id
              JOIN subscriber sb ON sb.id = s.subscriber_id
              LEFT JOIN article a ON a.id = d.article_id
             WHERE d.state = 'pending' AND d.digest_at IS NULL AND d.next_attempt_at <= ?
               AND s.status = 'active'
               AND (d.channel = 'webhook' OR (sb.confirmed_at IS NOT NULL AND sb.unsubscribed_at IS NULL))
               AND s.channel_target <> ALL (?)
             ORDER BY d.next_attempt_at
             LIMIT ?
               FOR UPDATE OF d SKIP LOCKED
            """;

    private final DataSource dataSource;

    public DeliveryStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Claims up to {@code limit} due immediate deliveries, at most {@code freeSlots(endpoint)} per endpoint and
     * none for {@code fullEndpoints}: each claimed delivery counts an attempt and is reserved until
     * {@code now + lease}, after which another worker may take it if this one never reports back.
     */
    public List<DueDelivery> claim(int limit, Collection<String> fullEndpoints, ToIntFunction<String> freeSlots,
            Instant now, Duration lease) {
        return inTransaction("claim due deliveries", connection -> {
            List<Candidate> candidates = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(CLAIMABLE)) {
                select.setTimestamp(1, Timestamp.from(now));
                select.setArray(2, connection.createArrayOf("text", fullEndpoints.toArray()));
                // Twice the room, so one endpoint with a backlog does not fill the whole window.
                select.setInt(3, limit * 2);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        candidates.add(Candidate.read(rs));
                    }
                }
            }
            Map<String, Integer> taken = new HashMap<>();
            List<Candidate> chosen = new ArrayList<>();
            for (Candidate candidate : candidates) {
                if (chosen.size() == limit) {
                    break;
                }
                int already = taken.getOrDefault(candidate.channelTarget, 0);
                if (already < freeSlots.applyAsInt(candidate.channelTarget)) {
                    taken.put(candidate.channelTarget, already + 1);
                    chosen.add(candidate);
                }
            }
            if (chosen.isEmpty()) {
                return List.of();
            }
            try (PreparedStatement update = connection.prepareStatement("""
                    WITH claimed AS (
                        UPDATE delivery SET attempts = attempts + 1, next_attempt_at = ?
                         WHERE id = ANY (?) RETURNING id, attempts)
                    INSERT INTO delivery_attempt (delivery_id, attempt, started_at)
                    SELECT id, attempts, ? FROM claimed
                    """)) {
                update.setTimestamp(1, Timestamp.from(now.plus(lease)));
                update.setArray(2, uuids(connection, chosen.stream().map(c -> c.id).toList()));
                update.setTimestamp(3, Timestamp.from(now));
                update.executeUpdate();
            }
            List<DueDelivery> claimed = new ArrayList<>(chosen.size());
            for (Candidate candidate : chosen) {
                claimed.add(candidate.toDue());
            }
            return claimed;
        });
    }

    /**
     * Records the outcome of an attempt: the attempt row, the delivery's new state, and for webhooks the
     * subscription's endpoint health. A subscription whose endpoint is gone (410), or has failed since
     * {@code disableAfter}, is disabled; every subscription disabled here is returned.
     *
     * <p>A lost connection or a deadlock (with a subscription being deleted, say) is retried a few times at once:
     * the attempt has happened, and an unrecorded one would be made again once its claim runs out. The work is
     * idempotent, so a retry after an unseen commit changes nothing.
     *
     * @param nextAttempt when the next attempt is due after a failure; empty when the schedule is spent
     */
    @Retry(maxRetries = 3, delay = 200, jitter = 100, retryOn = DataAccessException.class)
    public List<Disabled> recordOutcome(DueDelivery delivery, DeliveryOutcome outcome, Instant startedAt,
            Instant finishedAt, Optional<Instant> nextAttempt, Duration disableAfter) {
        return inTransaction("record the outcome of delivery " + delivery.id(), connection -> {
            recordAttempt(connection, delivery.id(), delivery.attempt(), outcome, startedAt, finishedAt);
            String state;
            Instant next = null;
            if (outcome.delivered()) {
                state = "delivered";
            } else if (outcome.result() == DeliveryOutcome.Result.FAILED && nextAttempt.isPresent()) {
                state = "pending";
                next = nextAttempt.get();
            } else {
                state = "failed";
            }
            updateDelivery(connection, delivery, outcome, state, next, finishedAt);
            if (!"webhook".equals(delivery.channelType())) {
                // An SMTP outage is not the subscriber's fault: e-mail subscriptions are never disabled for it.
                return List.of();
            }
            return recordEndpointHealth(connection, delivery, outcome, finishedAt, disableAfter);
        });
    }

    private List<Disabled> recordEndpointHealth(Connection connection, DueDelivery delivery, DeliveryOutcome outcome,
            Instant at, Duration disableAfter) throws SQLException {
        if (outcome.delivered()) {
            try (PreparedStatement healthy = connection.prepareStatement(
                    "UPDATE subscription SET failing_since = NULL WHERE id = ? AND failing_since IS NOT NULL")) {
                healthy.setObject(1, delivery.subscriptionId());
                healthy.executeUpdate();
            }
            return List.of();
        }
        if (outcome.result() == DeliveryOutcome.Result.ENDPOINT_GONE) {
            // The URL is gone for everyone who gave it, not just for this subscription.
            return disable(connection, "channel_type = 'webhook' AND channel_target = ?", delivery.channelTarget(),
                    "the endpoint answered HTTP 410 Gone at " + at + "; fix the URL and resume the subscription", at);
        }
        Instant failingSince;
        try (PreparedStatement failing = connection.prepareStatement(
                "UPDATE subscription SET failing_since = COALESCE(failing_since, ?) WHERE id = ? RETURNING failing_since")) {
            failing.setTimestamp(1, Timestamp.from(at));
            failing.setObject(2, delivery.subscriptionId());
            try (ResultSet rs = failing.executeQuery()) {
                if (!rs.next()) {
                    return List.of();
                }
                failingSince = rs.getTimestamp(1).toInstant();
            }
        }
        if (failingSince.plus(disableAfter).isAfter(at)) {
            return List.of();
        }
        return disable(connection, "id = ?", delivery.subscriptionId(), "every delivery to the endpoint has failed since "
                + failingSince + " (last: " + outcome.error() + "); fix the endpoint and resume the subscription", at);
    }

    private static List<Disabled> disable(Connection connection, String which, Object value, String reason, Instant at)
            throws SQLException {
        List<Disabled> disabled = new ArrayList<>();
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE subscription SET status = 'disabled', disabled_reason = ?, status_changed_at = ?, updated_at = ?
                 WHERE status = 'active' AND """ + " " + which + " RETURNING id, owner, name, channel_target")) {
            update.setString(1, reason);
            update.setTimestamp(2, Timestamp.from(at));
            update.setTimestamp(3, Timestamp.from(at));
            update.setObject(4, value);
            try (ResultSet rs = update.executeQuery()) {
                while (rs.next()) {
                    disabled.add(new Disabled(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getString(4), reason));
                }
            }
        }
        return disabled;
    }

    /**
     * Fails a claimed delivery for good without an attempt at the receiver, e.g. when the story it is about is
     * no longer stored.
     */
    public void failWithoutAttempt(DueDelivery delivery, String error, Instant at) {
        DeliveryOutcome outcome = DeliveryOutcome.failed(null, error);
        inTransaction("fail delivery " + delivery.id(), connection -> {
            recordAttempt(connection, delivery.id(), delivery.attempt(), outcome, at, at);
            updateDelivery(connection, delivery, outcome, "failed", null, at);
            return null;
        });
    }

    private static void updateDelivery(Connection connection, DueDelivery delivery, DeliveryOutcome outcome,
            String state, Instant next, Instant finishedAt) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE delivery SET state = ?, next_attempt_at = COALESCE(?, next_attempt_at),
                       last_status = ?, last_error = ?, delivered_at = ?
                 WHERE id = ? AND attempts = ? AND state = 'pending'
                """)) {
            update.setString(1, state);
            update.setTimestamp(2, next == null ? null : Timestamp.from(next));
            update.setObject(3, outcome.statusCode());
            update.setString(4, outcome.error());
            update.setTimestamp(5, outcome.delivered() ? Timestamp.from(finishedAt) : null);
            update.setObject(6, delivery.id());
            // A worker whose claim ran out and was taken over must not overwrite the newer attempt.
            update.setInt(7, delivery.attempt());
            update.executeUpdate();
        }
    }

    public static void recordAttempt(Connection connection, UUID deliveryId, int attempt, DeliveryOutcome outcome,
            Instant startedAt, Instant finishedAt) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                INSERT INTO delivery_attempt (delivery_id, attempt, started_at, finished_at, status_code, error, duration_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (delivery_id, attempt) DO UPDATE
                   SET started_at = EXCLUDED.started_at, finished_at = EXCLUDED.finished_at,
                       status_code = EXCLUDED.status_code, error = EXCLUDED.error, duration_ms = EXCLUDED.duration_ms
                """)) {
            update.setObject(1, deliveryId);
            update.setInt(2, attempt);
            update.setTimestamp(3, Timestamp.from(startedAt));
            update.setTimestamp(4, Timestamp.from(finishedAt));
            update.setObject(5, outcome.statusCode());
            update.setString(6, outcome.error());
            update.setInt(7, (int) Math.max(0, Duration.between(startedAt, finishedAt).toMillis()));
            update.executeUpdate();
        }
    }

    /** A confirmed, still subscribed e-mail address of {@code owner}, to tell them about their subscriptions. */
    public Optional<String> addressOfOwner(String owner) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT email FROM subscriber
                         WHERE owner = ? AND email IS NOT NULL AND confirmed_at IS NOT NULL AND unsubscribed_at IS NULL
                         ORDER BY confirmed_at LIMIT 1
                        """)) {
            select.setString(1, owner);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException("cannot look up the address of an owner", e);
        }
    }

    /** The story of a delivery from its stored {@code article.event}; empty when it is gone or unreadable. */
    public static Optional<ArticleClassified> storedArticle(String event) {
        if (event == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(EventJson.read(event.getBytes(StandardCharsets.UTF_8), ArticleClassified.class));
        } catch (EventFormatException e) {
            return Optional.empty();
        }
    }

    static Array uuids(Connection connection, Collection<UUID> ids) throws SQLException {
        return connection.createArrayOf("uuid", ids.toArray());
    }

    /** Work done in one transaction on one connection. */
    @FunctionalInterface
    public interface TransactionWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in a transaction of its own: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(String what, TransactionWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DataAccessException("cannot " + what, e);
        }
    }

    /** A due row before the worker decided to take it. */
    private record Candidate(UUID id, UUID subscriptionId, int attempts, int retryBase, Instant createdAt,
            String channel, String name, String owner, String channelTarget, List<String> topics, String event) {

        static Candidate read(ResultSet rs) throws SQLException {
            return new Candidate(rs.getObject("id", UUID.class), rs.getObject("subscription_id", UUID.class),
                    rs.getInt("attempts"), rs.getInt("retry_base"), rs.getTimestamp("created_at").toInstant(),
                    rs.getString("channel"), rs.getString("name"), rs.getString("owner"),
                    rs.getString("channel_target"), List.of((String[]) rs.getArray("topics").getArray()),
                    rs.getString("event"));
        }

        DueDelivery toDue() {
            // A missing or unreadable story is left null: the worker fails the delivery with the reason instead
            // of retrying it for days.
            ArticleClassified article = storedArticle(event).orElse(null);
            return new DueDelivery(id, subscriptionId, name, owner, channel, channelTarget, topics, attempts + 1,
                    attempts + 1 - retryBase, createdAt, article);
        }
    }
}
