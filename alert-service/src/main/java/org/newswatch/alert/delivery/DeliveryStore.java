package org.newswatch.alert.delivery;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
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

    /** A subscription the delivery side disabled, and why: what its owner is told. */
    public record Disabled(UUID subscriptionId, String owner, String name, String reason) {
    }

    /**
     * Due immediate deliveries in due order, straight from the partial index {@code delivery_due_immediate}: no
     * join, so the scan stops after {@code LIMIT} rows however long the queue is.
     */
    private static final String DUE = """
            SELECT d.id FROM delivery d
             WHERE d.state = 'pending' AND d.digest_at IS NULL AND d.next_attempt_at <= ?
               AND d.subscription_id <> ALL (?)
             ORDER BY d.next_attempt_at
             LIMIT ?
               FOR UPDATE OF d SKIP LOCKED
            """;

    private static final String DETAILS = """
            SELECT d.id, d.subscription_id, s.subscriber_id, d.attempts, d.retry_base, d.created_at, d.channel,
                   d.article_id, s.name, s.owner, s.channel_target, s.topics, s.status = 'active' AS active,
                   (d.channel = 'webhook' OR (sb.confirmed_at IS NOT NULL AND sb.unsubscribed_at IS NULL)) AS reachable
              FROM delivery d
              JOIN subscription s ON s.id = d.subscription_id
              JOIN subscriber sb ON sb.id = s.subscriber_id
             WHERE d.id = ANY (?)
            """;

    /**
     * How long a due delivery of a paused or disabled subscription (or of an address that is not confirmed any
     * more) waits before it is looked at again; resuming the subscription sends it within this time.
     */
    static final Duration PARKED = Duration.ofMinutes(5);

    private final DataSource dataSource;

    public DeliveryStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Claims up to {@code limit} due immediate deliveries, at most {@code freeSlots(endpoint)} per endpoint and
     * none of {@code busySubscriptions} (whose endpoints are full): each claimed delivery counts an attempt and
     * is reserved until {@code now + lease}, after which another worker may take it if this one never reports
     * back. Due deliveries of subscriptions that may not receive now are parked for {@link #PARKED}.
     */
    public List<DueDelivery> claim(int limit, Collection<UUID> busySubscriptions, ToIntFunction<String> freeSlots,
            Instant now, Duration lease) {
        return inTransaction("claim due deliveries", connection -> {
            List<UUID> due = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(DUE)) {
                select.setTimestamp(1, Timestamp.from(now));
                select.setArray(2, uuids(connection, busySubscriptions));
                // Twice the room, so that a few endpoints at their limit do not leave slots unused.
                select.setInt(3, limit * 2);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        due.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            if (due.isEmpty()) {
                return List.of();
            }
            Map<UUID, Candidate> details = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(DETAILS)) {
                select.setArray(1, uuids(connection, due));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        Candidate candidate = Candidate.read(rs);
                        details.put(candidate.id(), candidate);
                    }
                }
            }
            Map<String, Integer> taken = new HashMap<>();
            List<Candidate> chosen = new ArrayList<>();
            List<UUID> parked = new ArrayList<>();
            for (UUID id : due) {
                Candidate candidate = details.get(id);
                if (!candidate.receivable()) {
                    parked.add(id);
                    continue;
                }
                int already = taken.getOrDefault(candidate.channelTarget(), 0);
                if (chosen.size() < limit && already < freeSlots.applyAsInt(candidate.channelTarget())) {
                    taken.put(candidate.channelTarget(), already + 1);
                    chosen.add(candidate);
                }
            }
            park(connection, parked, now);
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
                update.setArray(2, uuids(connection, chosen.stream().map(Candidate::id).toList()));
                update.setTimestamp(3, Timestamp.from(now));
                update.executeUpdate();
            }
            Map<String, ArticleClassified> articles = articles(connection,
                    chosen.stream().map(Candidate::articleId).distinct().toList());
            List<DueDelivery> claimed = new ArrayList<>(chosen.size());
            for (Candidate candidate : chosen) {
                claimed.add(candidate.toDue(articles.get(candidate.articleId())));
            }
            return claimed;
        });
    }

    private static void park(Connection connection, List<UUID> parked, Instant now) throws SQLException {
        if (parked.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE delivery SET next_attempt_at = ? WHERE id = ANY (?)")) {
            update.setTimestamp(1, Timestamp.from(now.plus(PARKED)));
            update.setArray(2, uuids(connection, parked));
            update.executeUpdate();
        }
    }

    /** The stories of the given ids that are stored and readable, each parsed once. */
    private static Map<String, ArticleClassified> articles(Connection connection, List<String> ids) throws SQLException {
        Map<String, ArticleClassified> articles = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, event FROM article WHERE id = ANY (?)")) {
            select.setArray(1, connection.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    storedArticle(rs.getString(2)).ifPresent(article -> articles.put(article.article().id(), article));
                }
            }
        }
        return articles;
    }

    /** An attempt that has finished, to be recorded. */
    public record Finished(DueDelivery delivery, DeliveryOutcome outcome, Instant startedAt, Instant finishedAt,
            Optional<Instant> nextAttempt) {
    }

    /**
     * Records finished attempts in one transaction: each attempt row, each delivery's new state (pending with its
     * next attempt, delivered, or failed when the schedule is spent or the endpoint is gone), and for webhooks the
     * subscriptions' endpoint health. A subscription whose endpoint is gone (410), or has failed every attempt
     * since {@code disableAfter}, is disabled and a notice to its owner written to the outbox; every subscription
     * disabled here is returned.
     *
     * <p>A lost connection or a deadlock (with a subscription being deleted, say) is retried a few times at once:
     * the attempts have happened, and unrecorded ones would be made again once their claims run out. The work is
     * idempotent, so a retry after an unseen commit changes nothing.
     */
    @Retry(maxRetries = 3, delay = 200, jitter = 100, retryOn = DataAccessException.class)
    public List<Disabled> recordOutcomes(List<Finished> batch, Duration disableAfter) {
        return inTransaction("record " + batch.size() + " delivery attempts", connection -> {
            try (PreparedStatement attempts = connection.prepareStatement(RECORD_ATTEMPT);
                    PreparedStatement deliveries = connection.prepareStatement(UPDATE_DELIVERY)) {
                for (Finished f : batch) {
                    bindAttempt(attempts, f.delivery().id(), f.delivery().attempt(), f.outcome(), f.startedAt(),
                            f.finishedAt());
                    attempts.addBatch();
                    bindDelivery(deliveries, f.delivery(), f.outcome(), stateAfter(f), f.nextAttempt().orElse(null),
                            f.finishedAt());
                    deliveries.addBatch();
                }
                attempts.executeBatch();
                deliveries.executeBatch();
            }
            List<UUID> healthy = batch.stream()
                    .filter(f -> f.outcome().delivered() && "webhook".equals(f.delivery().channelType()))
                    .map(f -> f.delivery().subscriptionId()).distinct().toList();
            if (!healthy.isEmpty()) {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE subscription SET failing_since = NULL WHERE id = ANY (?) AND failing_since IS NOT NULL")) {
                    update.setArray(1, uuids(connection, healthy));
                    update.executeUpdate();
                }
            }
            List<Disabled> disabled = new ArrayList<>();
            for (Finished f : batch) {
                // An SMTP outage is not the subscriber's fault: e-mail subscriptions are never disabled for it.
                if (!f.outcome().delivered() && "webhook".equals(f.delivery().channelType())) {
                    disabled.addAll(recordEndpointFailure(connection, f.delivery(), f.outcome(), f.finishedAt(),
                            disableAfter));
                }
            }
            return disabled;
        });
    }

    private static String stateAfter(Finished f) {
        if (f.outcome().delivered()) {
            return "delivered";
        }
        return f.outcome().result() == DeliveryOutcome.Result.FAILED && f.nextAttempt().isPresent() ? "pending"
                : "failed";
    }

    private List<Disabled> recordEndpointFailure(Connection connection, DueDelivery delivery, DeliveryOutcome outcome,
            Instant at, Duration disableAfter) throws SQLException {
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

    /**
     * Disables the active subscriptions {@code which} selects and, in the same statement, writes the notice to
     * each owner into the {@code owner_notice} outbox, due at once: the mail side sends it (and retries it), so
     * a notice is never lost to an SMTP outage or a crash after the commit.
     */
    private static List<Disabled> disable(Connection connection, String which, Object value, String reason, Instant at)
            throws SQLException {
        List<Disabled> disabled = new ArrayList<>();
        try (PreparedStatement update = connection.prepareStatement("""
                WITH disabled AS (
                    UPDATE subscription SET status = 'disabled', disabled_reason = ?, status_changed_at = ?, updated_at = ?
                     WHERE status = 'active' AND %s
                    RETURNING id, owner, name, disabled_reason, status_changed_at)
                INSERT INTO owner_notice (subscription_id, owner, subscription_name, reason, created_at, next_attempt_at)
                SELECT id, owner, name, disabled_reason, status_changed_at, status_changed_at FROM disabled
                RETURNING subscription_id, owner, subscription_name, reason
                """.formatted(which))) {
            update.setString(1, reason);
            update.setTimestamp(2, Timestamp.from(at));
            update.setTimestamp(3, Timestamp.from(at));
            update.setObject(4, value);
            try (ResultSet rs = update.executeQuery()) {
                while (rs.next()) {
                    disabled.add(new Disabled(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getString(4)));
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
            try (PreparedStatement update = connection.prepareStatement(UPDATE_DELIVERY)) {
                bindDelivery(update, delivery, outcome, "failed", null, at);
                update.executeUpdate();
            }
            return null;
        });
    }

    // A worker whose claim ran out and was taken over must not overwrite the newer attempt: hence attempts = ?.
    private static final String UPDATE_DELIVERY = """
            UPDATE delivery SET state = ?, next_attempt_at = COALESCE(?, next_attempt_at),
                   last_status = ?, last_error = ?, delivered_at = ?
             WHERE id = ? AND attempts = ? AND state = 'pending'
            """;

    private static final String RECORD_ATTEMPT = """
            INSERT INTO delivery_attempt (delivery_id, attempt, started_at, finished_at, status_code, error, duration_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (delivery_id, attempt) DO UPDATE
               SET started_at = EXCLUDED.started_at, finished_at = EXCLUDED.finished_at,
                   status_code = EXCLUDED.status_code, error = EXCLUDED.error, duration_ms = EXCLUDED.duration_ms
            """;

    private static void bindDelivery(PreparedStatement update, DueDelivery delivery, DeliveryOutcome outcome,
            String state, Instant next, Instant finishedAt) throws SQLException {
        update.setString(1, state);
        update.setTimestamp(2, next == null ? null : Timestamp.from(next));
        update.setObject(3, outcome.statusCode(), Types.INTEGER);
        update.setString(4, outcome.error());
        update.setTimestamp(5, outcome.delivered() ? Timestamp.from(finishedAt) : null);
        update.setObject(6, delivery.id());
        update.setInt(7, delivery.attempt());
    }

    private static void bindAttempt(PreparedStatement insert, UUID deliveryId, int attempt, DeliveryOutcome outcome,
            Instant startedAt, Instant finishedAt) throws SQLException {
        insert.setObject(1, deliveryId);
        insert.setInt(2, attempt);
        insert.setTimestamp(3, Timestamp.from(startedAt));
        insert.setTimestamp(4, Timestamp.from(finishedAt));
        insert.setObject(5, outcome.statusCode(), Types.INTEGER);
        insert.setString(6, outcome.error());
        insert.setInt(7, (int) Math.max(0, Duration.between(startedAt, finishedAt).toMillis()));
    }

    /** Records one attempt row (the digest sender records its attempts with its own transaction). */
    public static void recordAttempt(Connection connection, UUID deliveryId, int attempt, DeliveryOutcome outcome,
            Instant startedAt, Instant finishedAt) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(RECORD_ATTEMPT)) {
            bindAttempt(insert, deliveryId, attempt, outcome, startedAt, finishedAt);
            insert.executeUpdate();
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
    private record Candidate(UUID id, UUID subscriptionId, UUID subscriberId, int attempts, int retryBase,
            Instant createdAt,
            String channel, String articleId, String name, String owner, String channelTarget, List<String> topics,
            boolean receivable) {

        static Candidate read(ResultSet rs) throws SQLException {
            return new Candidate(rs.getObject("id", UUID.class), rs.getObject("subscription_id", UUID.class),
                    rs.getObject("subscriber_id", UUID.class), rs.getInt("attempts"), rs.getInt("retry_base"), rs.getTimestamp("created_at").toInstant(),
                    rs.getString("channel"), rs.getString("article_id"), rs.getString("name"), rs.getString("owner"),
                    rs.getString("channel_target"), List.of((String[]) rs.getArray("topics").getArray()),
                    rs.getBoolean("active") && rs.getBoolean("reachable"));
        }

        /**
         * @param article the story, or null when it is gone or unreadable: the worker then fails the delivery with
         *                the reason instead of retrying it for days
         */
        DueDelivery toDue(ArticleClassified article) {
            return new DueDelivery(id, subscriptionId, subscriberId, name, owner, channel, channelTarget, topics, attempts + 1,
                    attempts + 1 - retryBase, createdAt, article);
        }
    }
}
