package org.newswatch.gateway.key;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** The {@code api_key} table, through plain JDBC: a handful of statements, each one round trip. */
@ApplicationScoped
public class ApiKeyRepository {

    private static final String COLUMNS = "id, name, role, coalesce(owner, id::text) AS owner, requests_per_minute,"
            + " created_at, revoked_at";

    /** One page of keys, newest first; {@code next} is null on the last page. */
    public record Page(List<ApiKey> keys, String next) {
    }

    /** A cursor the list did not give out. */
    public static class UnknownCursorException extends Exception {
        private static final long serialVersionUID = 1L;

        UnknownCursorException(String cursor) {
            super("cursor " + cursor + " is not one this list gave out; start again without one");
        }
    }

    private final DataSource dataSource;

    public ApiKeyRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores a new key; a null owner means the key's own id. */
    public ApiKey insert(UUID id, String name, KeyRole role, String owner, Integer requestsPerMinute, String keyHash) {
        String sql = "INSERT INTO api_key (id, name, role, key_hash, owner, requests_per_minute) VALUES (?, ?, ?, ?, ?, ?)"
                + " RETURNING " + COLUMNS;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, id);
            insert.setString(2, name);
            insert.setString(3, role.value());
            insert.setString(4, keyHash);
            insert.setString(5, owner);
            if (requestsPerMinute == null) {
                insert.setNull(6, Types.INTEGER);
            } else {
                insert.setInt(6, requestsPerMinute);
            }
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return read(rs);
            }
        } catch (SQLException e) {
            throw new KeyStoreException("could not store an API key", e);
        }
    }

    /**
     * Stores the configured admin key unless a row has its hash already (another instance, or an earlier start,
     * stored it). Returns the row as it is now, revoked or not.
     */
    public ApiKey insertIfAbsent(String name, KeyRole role, String keyHash) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO api_key (id, name, role, key_hash) VALUES (?, ?, ?, ?) ON CONFLICT (key_hash) DO NOTHING")) {
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, name);
                insert.setString(3, role.value());
                insert.setString(4, keyHash);
                insert.executeUpdate();
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM api_key WHERE key_hash = ?")) {
                select.setString(1, keyHash);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return read(rs);
                }
            }
        } catch (SQLException e) {
            throw new KeyStoreException("could not store the configured admin key", e);
        }
    }

    /** The key with this hash, unless there is none or it is revoked. */
    public Optional<ApiKey> findActiveByHash(String keyHash) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT " + COLUMNS + " FROM api_key WHERE key_hash = ? AND revoked_at IS NULL")) {
            select.setString(1, keyHash);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new KeyStoreException("could not look up an API key", e);
        }
    }

    public Optional<ApiKey> find(UUID id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM api_key WHERE id = ?")) {
            select.setObject(1, id);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new KeyStoreException("could not read an API key", e);
        }
    }

    /** Keys newest first, revoked ones included (the list is also an audit of who had access). */
    public Page list(String cursor, int limit) throws UnknownCursorException {
        Position after = cursor == null ? null : Position.decode(cursor);
        String sql = "SELECT " + COLUMNS + " FROM api_key"
                + (after == null ? "" : " WHERE (created_at, id) < (?, ?)")
                + " ORDER BY created_at DESC, id DESC LIMIT ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            int parameter = 1;
            if (after != null) {
                select.setTimestamp(parameter++, Timestamp.from(after.createdAt()));
                select.setObject(parameter++, after.id());
            }
            select.setInt(parameter, limit + 1);
            List<ApiKey> keys = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    keys.add(read(rs));
                }
            }
            if (keys.size() <= limit) {
                return new Page(keys, null);
            }
            ApiKey last = keys.get(limit - 1);
            return new Page(List.copyOf(keys.subList(0, limit)), new Position(last.createdAt(), last.id()).encode());
        } catch (SQLException e) {
            throw new KeyStoreException("could not list API keys", e);
        }
    }

    /** Revokes the key (once: a second revocation keeps the first time). Empty when there is no such key. */
    public Optional<ApiKey> revoke(UUID id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE api_key SET revoked_at = coalesce(revoked_at, now()) WHERE id = ? RETURNING " + COLUMNS)) {
            update.setObject(1, id);
            try (ResultSet rs = update.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new KeyStoreException("could not revoke an API key", e);
        }
    }

    private static ApiKey read(ResultSet rs) throws SQLException {
        int rate = rs.getInt("requests_per_minute");
        Integer requestsPerMinute = rs.wasNull() ? null : rate;
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new ApiKey(rs.getObject("id", UUID.class), rs.getString("name"),
                KeyRole.of(rs.getString("role")).orElseThrow(), rs.getString("owner"), requestsPerMinute,
                rs.getTimestamp("created_at").toInstant(), revoked == null ? null : revoked.toInstant());
    }

    /** Where a page ends: creation time (microseconds, as PostgreSQL keeps it) and id. */
    record Position(Instant createdAt, UUID id) {

        String encode() {
            long micros = createdAt.getEpochSecond() * 1_000_000L + createdAt.getNano() / 1_000;
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((micros + "/" + id).getBytes(StandardCharsets.US_ASCII));
        }

        static Position decode(String cursor) throws UnknownCursorException {
            try {
                String text = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.US_ASCII);
                int slash = text.indexOf('/');
                long micros = Long.parseLong(text.substring(0, slash));
                UUID id = UUID.fromString(text.substring(slash + 1));
                return new Position(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), id);
            } catch (RuntimeException e) {
                throw new UnknownCursorException(cursor);
            }
        }
    }
}
