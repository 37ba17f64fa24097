package org.newswatch.collector.feed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** The feed table: registry reads and admin changes. Polling state is written by the scheduler's leases. */
@ApplicationScoped
public class FeedRepository {

    private final DataSource dataSource;

    public FeedRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A feed to add: a normalized URL, an optional title, the asked interval. */
    public record NewFeed(String url, String title, int pollIntervalSeconds) {
    }

    /** Admin changes; null fields stay as they are. */
    public record FeedChanges(String title, Integer pollIntervalSeconds, Boolean enabled) {
    }

    /** Adds the feed, due at once; empty when a feed with this URL exists already. */
    public Optional<Feed> insert(NewFeed feed) {
        String sql = "INSERT INTO feed (id, url, title, poll_interval_seconds, next_poll_at) VALUES (?, ?, ?, ?, now()) "
                + "ON CONFLICT DO NOTHING RETURNING " + Feed.COLUMNS;
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setObject(1, FeedIds.forUrl(feed.url()));
            st.setString(2, feed.url());
            st.setString(3, feed.title());
            st.setInt(4, feed.pollIntervalSeconds());
            return single(st);
        } catch (SQLException e) {
            throw new RegistryException("cannot add feed " + feed.url(), e);
        }
    }

    public Optional<Feed> find(UUID id) {
        return queryOne("SELECT " + Feed.COLUMNS + " FROM feed WHERE id = ?", id);
    }

    public Optional<Feed> findByUrl(String url) {
        return queryOne("SELECT " + Feed.COLUMNS + " FROM feed WHERE url = ?", url);
    }

    /** Up to {@code limit} feeds ordered by URL, after {@code afterUrl} (exclusive) when given. */
    public List<Feed> page(String afterUrl, int limit) {
        String sql = "SELECT " + Feed.COLUMNS + " FROM feed WHERE (?::text IS NULL OR url > ?) ORDER BY url LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, afterUrl);
            st.setString(2, afterUrl);
            st.setInt(3, limit);
            return all(st);
        } catch (SQLException e) {
            throw new RegistryException("cannot list feeds", e);
        }
    }

    public long count() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT count(*) FROM feed");
                ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new RegistryException("cannot count feeds", e);
        }
    }

    /**
     * Applies admin changes. Re-enabling a feed clears why it was disabled and makes it due at once; a new
     * interval resets the adapted one, so the admin's choice takes effect from the next poll.
     */
    public Optional<Feed> update(UUID id, FeedChanges changes) {
        String sql = "UPDATE feed SET "
                + "title = CASE WHEN ? THEN ? ELSE title END, "
                + "poll_interval_seconds = COALESCE(?, poll_interval_seconds), "
                + "effective_interval_seconds = CASE WHEN ?::integer IS NULL THEN effective_interval_seconds END, "
                + "next_poll_at = CASE WHEN ? AND NOT enabled THEN now() ELSE next_poll_at END, "
                + "consecutive_failures = CASE WHEN ? AND NOT enabled THEN 0 ELSE consecutive_failures END, "
                + "disabled_reason = CASE WHEN ?::boolean IS NULL THEN disabled_reason "
                + "  WHEN ? THEN NULL ELSE COALESCE(disabled_reason, 'disabled by an admin') END, "
                + "enabled = COALESCE(?, enabled), "
                + "updated_at = now() "
                + "WHERE id = ? RETURNING " + Feed.COLUMNS;
        boolean enabling = Boolean.TRUE.equals(changes.enabled());
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            int i = 1;
            st.setBoolean(i++, changes.title() != null);
            st.setString(i++, changes.title() == null || changes.title().isBlank() ? null : changes.title().strip());
            setInteger(st, i++, changes.pollIntervalSeconds());
            setInteger(st, i++, changes.pollIntervalSeconds());
            st.setBoolean(i++, enabling);
            st.setBoolean(i++, enabling);
            setBoolean(st, i++, changes.enabled());
            setBoolean(st, i++, changes.enabled());
            setBoolean(st, i++, changes.enabled());
            st.setObject(i, id);
            return single(st);
        } catch (SQLException e) {
            throw new RegistryException("cannot update feed " + id, e);
        }
    }

    /** Makes the feed due now (an enabled one; a disabled feed stays as it is). */
    public Optional<Feed> makeDue(UUID id) {
        return queryOne("UPDATE feed SET next_poll_at = CASE WHEN enabled THEN now() ELSE next_poll_at END, "
                + "updated_at = now() WHERE id = ? RETURNING " + Feed.COLUMNS, id);
    }

    public boolean delete(UUID id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("DELETE FROM feed WHERE id = ?")) {
            st.setObject(1, id);
            return st.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new RegistryException("cannot delete feed " + id, e);
        }
    }

    private Optional<Feed> queryOne(String sql, Object parameter) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setObject(1, parameter);
            return single(st);
        } catch (SQLException e) {
            throw new RegistryException("cannot read feed " + parameter, e);
        }
    }

    private static Optional<Feed> single(PreparedStatement st) throws SQLException {
        try (ResultSet rs = st.executeQuery()) {
            return rs.next() ? Optional.of(Feed.from(rs)) : Optional.empty();
        }
    }

    private static List<Feed> all(PreparedStatement st) throws SQLException {
        List<Feed> feeds = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                feeds.add(Feed.from(rs));
            }
        }
        return feeds;
    }

    private static void setInteger(PreparedStatement st, int index, Integer value) throws SQLException {
        if (value == null) {
            st.setNull(index, Types.INTEGER);
        } else {
            st.setInt(index, value);
        }
    }

    private static void setBoolean(PreparedStatement st, int index, Boolean value) throws SQLException {
        if (value == null) {
            st.setNull(index, Types.BOOLEAN);
        } else {
            st.setBoolean(index, value);
        }
    }
}
