package org.newswatch.alert.subscription;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.newswatch.alert.DataAccessException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Subscriptions and their subscribers in PostgreSQL. Methods join the caller's transaction when there is
 * one. {@code owner} arguments restrict to one owner's subscriptions; {@code Optional.empty()} means any
 * owner (an administrator). The secret columns are written only by {@code SubscriptionSecrets}.
 */
@ApplicationScoped
public class SubscriptionRepository {

    static final String SELECT = """
            SELECT s.id, s.owner, s.subscriber_id, s.name, s.topics, s.keywords, s.keywords_mode, s.min_score,
                   s.languages, s.sources, s.channel_type, s.channel_target, s.mode, s.digest_frequency,
                   s.digest_hour, s.digest_time_zone, s.status, s.disabled_reason, s.created_at, s.updated_at,
                   sb.confirmed_at, sb.unsubscribed_at
              FROM subscription s JOIN subscriber sb ON sb.id = s.subscriber_id
            """;

    private final DataSource dataSource;
    private final SecureRandom random = new SecureRandom();

    public SubscriptionRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<Subscription> find(UUID id) {
        return find(id, Optional.empty());
    }

    public Optional<Subscription> find(UUID id, Optional<String> owner) {
        String sql = SELECT + " WHERE s.id = ?" + (owner.isPresent() ? " AND s.owner = ?" : "");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, id);
            if (owner.isPresent()) {
                statement.setString(2, owner.get());
            }
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException("cannot read subscription " + id, e);
        }
    }

    /**
     * A page of subscriptions, newest first.
     *
     * @param cursor the {@code nextCursor} of the previous page, or null for the first
     * @throws InvalidCursorException when the cursor is not one this service made
     */
    public SubscriptionPage list(Optional<String> owner, String cursor, int limit) {
        Cursor after = cursor == null ? null : Cursor.parse(cursor);
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE true");
        owner.ifPresent(o -> sql.append(" AND s.owner = ?"));
        if (after != null) {
            sql.append(" AND (s.created_at, s.id) < (?, ?)");
        }
        sql.append(" ORDER BY s.created_at DESC, s.id DESC LIMIT ?");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int i = 1;
            if (owner.isPresent()) {
                statement.setString(i++, owner.get());
            }
            if (after != null) {
                statement.setObject(i++, OffsetDateTime.ofInstant(after.createdAt(), ZoneOffset.UTC));
                statement.setObject(i++, after.id());
            }
            statement.setInt(i, limit + 1);
            List<Subscription> items = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    items.add(read(rs));
                }
            }
            if (items.size() <= limit) {
                return new SubscriptionPage(items, null);
            }
            Subscription last = items.get(limit - 1);
            return new SubscriptionPage(items.subList(0, limit), new Cursor(last.createdAt(), last.id()).encode());
        } catch (SQLException e) {
            throw new DataAccessException("cannot list subscriptions", e);
        }
    }

    /**
     * Stores a new subscription and, when needed, its subscriber. An e-mail address that unsubscribed
     * earlier starts over unconfirmed.
     *
     * @param encryptedSecret the webhook secret as {@code SubscriptionSecrets} encrypted it, null for e-mail
     */
    @Transactional
    public Subscription insert(NewSubscription subscription, String encryptedSecret) {
        try (Connection connection = dataSource.getConnection()) {
            UUID subscriberId = subscriberFor(connection, subscription.owner(), subscription.channelType(),
                    subscription.channelTarget());
            try (PreparedStatement statement = connection.prepareStatement("""
                    INSERT INTO subscription (id, owner, subscriber_id, name, topics, keywords, keywords_mode,
                        min_score, languages, sources, channel_type, channel_target, mode, digest_frequency,
                        digest_hour, digest_time_zone, webhook_secret)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)) {
                statement.setObject(1, subscription.id());
                statement.setString(2, subscription.owner());
                statement.setObject(3, subscriberId);
                int next = bindSettings(connection, statement, 4, subscription);
                statement.setString(next, encryptedSecret);
                statement.executeUpdate();
            }
        } catch (SQLException e) {
            throw new DataAccessException("cannot store subscription " + subscription.id(), e);
        }
        return find(subscription.id()).orElseThrow();
    }

    /**
     * Writes the new settings of a stored subscription (not its owner, status or secrets). {@code updated_at}
     * takes the time of the write, not of the transaction's start: matching keeps compiled filters under it
     * and must see every change as a new version.
     */
    @Transactional
    public Subscription update(NewSubscription subscription) {
        try (Connection connection = dataSource.getConnection()) {
            UUID subscriberId = subscriberFor(connection, subscription.owner(), subscription.channelType(),
                    subscription.channelTarget());
            try (PreparedStatement statement = connection.prepareStatement("""
                    UPDATE subscription SET subscriber_id = ?, name = ?, topics = ?, keywords = ?, keywords_mode = ?,
                        min_score = ?, languages = ?, sources = ?, channel_type = ?, channel_target = ?, mode = ?,
                        digest_frequency = ?, digest_hour = ?, digest_time_zone = ?, updated_at = clock_timestamp()
                     WHERE id = ?
                    """)) {
                statement.setObject(1, subscriberId);
                int next = bindSettings(connection, statement, 2, subscription);
                statement.setObject(next, subscription.id());
                statement.executeUpdate();
            }
        } catch (SQLException e) {
            throw new DataAccessException("cannot update subscription " + subscription.id(), e);
        }
        return find(subscription.id()).orElseThrow();
    }

    private static int bindSettings(Connection connection, PreparedStatement statement, int first,
            NewSubscription s) throws SQLException {
        int i = first;
        statement.setString(i++, s.name());
        statement.setArray(i++, textArray(connection, s.topics()));
        statement.setArray(i++, textArray(connection, s.keywords()));
        statement.setString(i++, s.keywordMode().value());
        statement.setDouble(i++, s.minScore());
        statement.setArray(i++, textArray(connection, s.languages()));
        statement.setArray(i++, textArray(connection, s.sources()));
        statement.setString(i++, s.channelType());
        statement.setString(i++, s.channelTarget());
        statement.setString(i++, s.mode().value());
        Digest digest = s.digest();
        statement.setString(i++, digest == null ? null : digest.frequency().value());
        statement.setObject(i++, digest == null || digest.hour() == null ? null : digest.hour().shortValue(),
                java.sql.Types.SMALLINT);
        statement.setString(i++, digest == null ? null : digest.timeZone().getId());
        return i;
    }

    /** The subscriber row of an owner (webhook) or of an owner's address (e-mail), created when missing. */
    private UUID subscriberFor(Connection connection, String owner, String channelType, String address)
            throws SQLException {
        if (Channel.Webhook.TYPE.equals(channelType)) {
            try (PreparedStatement statement = connection.prepareStatement("""
                    INSERT INTO subscriber (owner) VALUES (?)
                    ON CONFLICT (owner) WHERE email IS NULL DO UPDATE SET owner = EXCLUDED.owner
                    RETURNING id
                    """)) {
                statement.setString(1, owner);
                return returnedId(statement);
            }
        }
        // Values on the right of SET are the old row's: an unsubscribed address starts its opt-in over.
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO subscriber (owner, email, confirmation_nonce) VALUES (?, ?, ?)
                ON CONFLICT (owner, email) DO UPDATE SET
                    confirmed_at = CASE WHEN subscriber.unsubscribed_at IS NULL THEN subscriber.confirmed_at END,
                    confirmation_sent_at = CASE WHEN subscriber.unsubscribed_at IS NULL
                                                THEN subscriber.confirmation_sent_at END,
                    confirmation_nonce = CASE WHEN subscriber.unsubscribed_at IS NULL
                                              THEN subscriber.confirmation_nonce ELSE EXCLUDED.confirmation_nonce END,
                    unsubscribed_at = NULL
                RETURNING id
                """)) {
            statement.setString(1, owner);
            statement.setString(2, address);
            statement.setString(3, newNonce());
            return returnedId(statement);
        }
    }

    private static UUID returnedId(PreparedStatement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getObject(1, UUID.class);
        }
    }

    private String newNonce() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Sets the status of a subscription. Back to active clears the reason and the failure clock.
     *
     * @param reason required for {@link SubscriptionStatus#DISABLED}, else ignored
     * @return false when there is no such subscription (for that owner)
     */
    public boolean setStatus(UUID id, Optional<String> owner, SubscriptionStatus status, String reason) {
        if (status == SubscriptionStatus.DISABLED && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("a disabled subscription needs a reason");
        }
        String sql = """
                UPDATE subscription SET status = ?, disabled_reason = ?, status_changed_at = now(), updated_at = now(),
                       failing_since = CASE WHEN ? = 'active' THEN NULL ELSE failing_since END
                 WHERE id = ?""" + (owner.isPresent() ? " AND owner = ?" : "");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, status.value());
            statement.setString(2, status == SubscriptionStatus.DISABLED ? reason : null);
            statement.setString(3, status.value());
            statement.setObject(4, id);
            if (owner.isPresent()) {
                statement.setString(5, owner.get());
            }
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new DataAccessException("cannot change the status of subscription " + id, e);
        }
    }

    /** Disables a subscription on the service's own account (e.g. an endpoint failing for 5 days). */
    public boolean disable(UUID id, String reason) {
        return setStatus(id, Optional.empty(), SubscriptionStatus.DISABLED, reason);
    }

    /** Deletes a subscription and its deliveries; false when there is no such subscription (for that owner). */
    public boolean delete(UUID id, Optional<String> owner) {
        String sql = "DELETE FROM subscription WHERE id = ?" + (owner.isPresent() ? " AND owner = ?" : "");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, id);
            if (owner.isPresent()) {
                statement.setString(2, owner.get());
            }
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new DataAccessException("cannot delete subscription " + id, e);
        }
    }

    /** Maps a row of {@link #SELECT}. */
    static Subscription read(ResultSet rs) throws SQLException {
        String channelType = rs.getString("channel_type");
        Channel channel = Channel.Webhook.TYPE.equals(channelType)
                ? new Channel.Webhook(rs.getString("channel_target"))
                : new Channel.Email(rs.getString("channel_target"), instant(rs, "confirmed_at"),
                        instant(rs, "unsubscribed_at"));
        DeliveryMode mode = DeliveryMode.of(rs.getString("mode"));
        Digest digest = null;
        if (mode == DeliveryMode.DIGEST) {
            int hour = rs.getInt("digest_hour");
            digest = new Digest(Digest.Frequency.of(rs.getString("digest_frequency")), rs.wasNull() ? null : hour,
                    ZoneId.of(rs.getString("digest_time_zone")));
        }
        return new Subscription(
                rs.getObject("id", UUID.class),
                rs.getString("owner"),
                rs.getObject("subscriber_id", UUID.class),
                rs.getString("name"),
                texts(rs, "topics"),
                texts(rs, "keywords"),
                KeywordMode.of(rs.getString("keywords_mode")),
                rs.getDouble("min_score"),
                texts(rs, "languages"),
                texts(rs, "sources"),
                channel,
                mode,
                digest,
                SubscriptionStatus.of(rs.getString("status")),
                rs.getString("disabled_reason"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    static List<String> texts(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    static Array textArray(Connection connection, List<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray());
    }

    /** Position in a list: the (created_at, id) of the last item of the previous page. */
    record Cursor(Instant createdAt, UUID id) {

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor parse(String value) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8).split("\\|");
                if (parts.length != 2) {
                    throw new InvalidCursorException(value);
                }
                return new Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
            } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
                throw new InvalidCursorException(value);
            }
        }
    }
}
