package org.newswatch.alert.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.inject.Singleton;

/**
 * The delivery log of a subscription, and redelivery. Callers have checked that the subscription exists and
 * belongs to the caller.
 */
@Singleton
public class DeliveryLog {

    /** One delivery with every attempt made for it, oldest attempt first. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(UUID id, String articleId, String state, Instant createdAt, Instant nextAttemptAt,
            Instant digestAt, Instant deliveredAt, Integer lastStatus, String lastError, List<Attempt> attempts) {
    }

    /**
     * One attempt; {@code finishedAt} is absent while it runs, and for good when the worker stopped during it.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attempt(int attempt, Instant startedAt, Instant finishedAt, Integer statusCode, String error,
            Integer durationMs) {
    }

    /** A page of the log, newest delivery first; {@code after} is the id of its last entry when more follow. */
    public record Page(List<Entry> entries, UUID after) {
    }

    /** Why a redelivery was refused. */
    public enum Refusal { NO_SUCH_DELIVERY, ATTEMPT_UNDER_WAY }

    /** A cursor that names no delivery of this subscription. */
    public static final class UnknownCursorException extends RuntimeException {
        public UnknownCursorException() {
            super("the cursor is not one this list gave out; start again without one");
        }
    }

    private static final String ENTRY_COLUMNS = """
            d.id, d.article_id, d.state, d.created_at, d.next_attempt_at, d.digest_at, d.delivered_at,
            d.last_status, d.last_error
            """;
    // An attempt whose row exists without an end is either running or was cut short; both block a redelivery,
    // which would otherwise race the attempt under way.
    private static final String NOT_UNDER_WAY = """
            NOT EXISTS (SELECT 1 FROM delivery_attempt a
                         WHERE a.delivery_id = d.id AND a.attempt = d.attempts AND a.finished_at IS NULL)
            """;

    private final DeliveryStore store;
    private final Clock clock;

    public DeliveryLog(DeliveryStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Up to {@code limit} deliveries of a subscription, newest first, after the delivery {@code after} (the
     * last of the previous page) when given.
     *
     * @throws UnknownCursorException when {@code after} is not a delivery of this subscription
     */
    public Page page(UUID subscriptionId, UUID after, int limit) {
        return store.inTransaction("read the delivery log of subscription " + subscriptionId, connection -> {
            String sql = "SELECT " + ENTRY_COLUMNS + " FROM delivery d WHERE d.subscription_id = ?"
                    + (after == null ? "" : " AND (d.created_at, d.id) < (SELECT c.created_at, c.id FROM delivery c"
                            + " WHERE c.id = ? AND c.subscription_id = ?)")
                    + " ORDER BY d.created_at DESC, d.id DESC LIMIT ?";
            if (after != null && !exists(connection, subscriptionId, after)) {
                throw new UnknownCursorException();
            }
            Map<UUID, Entry> entries = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                int i = 1;
                select.setObject(i++, subscriptionId);
                if (after != null) {
                    select.setObject(i++, after);
                    select.setObject(i++, subscriptionId);
                }
                select.setInt(i, limit + 1);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        Entry entry = entry(rs);
                        entries.put(entry.id(), entry);
                    }
                }
            }
            List<Entry> page = withAttempts(connection, new ArrayList<>(entries.values()));
            boolean more = page.size() > limit;
            List<Entry> shown = more ? page.subList(0, limit) : page;
            return new Page(List.copyOf(shown), more ? shown.get(shown.size() - 1).id() : null);
        });
    }

    /**
     * Makes one delivery due now with a fresh retry schedule, whatever its state (a delivered one is sent
     * again; that is what was asked for).
     *
     * @return the delivery as it is now, or why not
     */
    public Result redeliver(UUID subscriptionId, UUID deliveryId) {
        Instant now = clock.instant();
        return store.inTransaction("redeliver " + deliveryId, connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE delivery d SET state = 'pending', next_attempt_at = ?, retry_base = attempts,
                           delivered_at = NULL
                     WHERE d.id = ? AND d.subscription_id = ? AND
                    """ + NOT_UNDER_WAY)) {
                update.setTimestamp(1, Timestamp.from(now));
                update.setObject(2, deliveryId);
                update.setObject(3, subscriptionId);
                if (update.executeUpdate() == 0) {
                    return new Result(null, exists(connection, subscriptionId, deliveryId)
                            ? Refusal.ATTEMPT_UNDER_WAY : Refusal.NO_SUCH_DELIVERY);
                }
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + ENTRY_COLUMNS + " FROM delivery d WHERE d.id = ?")) {
                select.setObject(1, deliveryId);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return new Result(withAttempts(connection, List.of(entry(rs))).get(0), null);
                }
            }
        });
    }

    /** A redelivered entry, or the refusal. */
    public record Result(Entry entry, Refusal refusal) {
    }

    /**
     * Makes every delivery of a subscription matched at or after {@code since} due now with a fresh schedule,
     * except those with an attempt under way (they are being sent already).
     *
     * @return how many deliveries were made due
     */
    public int redeliverSince(UUID subscriptionId, Instant since) {
        Instant now = clock.instant();
        return store.inTransaction("redeliver the deliveries of " + subscriptionId + " since " + since, connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE delivery d SET state = 'pending', next_attempt_at = ?, retry_base = attempts,
                           delivered_at = NULL
                     WHERE d.subscription_id = ? AND d.created_at >= ? AND
                    """ + NOT_UNDER_WAY)) {
                update.setTimestamp(1, Timestamp.from(now));
                update.setObject(2, subscriptionId);
                update.setTimestamp(3, Timestamp.from(since));
                return update.executeUpdate();
            }
        });
    }

    private static boolean exists(Connection connection, UUID subscriptionId, UUID deliveryId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM delivery WHERE id = ? AND subscription_id = ?")) {
            select.setObject(1, deliveryId);
            select.setObject(2, subscriptionId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        String state = rs.getString("state");
        return new Entry(rs.getObject("id", UUID.class), rs.getString("article_id"), state,
                instant(rs, "created_at"),
                // The next attempt means something only while the delivery is pending.
                "pending".equals(state) ? instant(rs, "next_attempt_at") : null,
                instant(rs, "digest_at"), instant(rs, "delivered_at"), (Integer) rs.getObject("last_status"),
                rs.getString("last_error"), List.of());
    }

    private static List<Entry> withAttempts(Connection connection, List<Entry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return entries;
        }
        Map<UUID, List<Attempt>> attempts = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT delivery_id, attempt, started_at, finished_at, status_code, error, duration_ms
                  FROM delivery_attempt WHERE delivery_id = ANY (?) ORDER BY delivery_id, attempt
                """)) {
            select.setArray(1, DeliveryStore.uuids(connection, entries.stream().map(Entry::id).toList()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    attempts.computeIfAbsent(rs.getObject(1, UUID.class), id -> new ArrayList<>())
                            .add(new Attempt(rs.getInt(2), instant(rs, "started_at"), instant(rs, "finished_at"),
                                    (Integer) rs.getObject(5), rs.getString(6), (Integer) rs.getObject(7)));
                }
            }
        }
        List<Entry> withAttempts = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            withAttempts.add(new Entry(e.id(), e.articleId(), e.state(), e.createdAt(), e.nextAttemptAt(), e.digestAt(),
                    e.deliveredAt(), e.lastStatus(), e.lastError(), List.copyOf(attempts.getOrDefault(e.id(), List.of()))));
        }
        return withAttempts;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
