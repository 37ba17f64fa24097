package org.newswatch.collector.poll;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.newswatch.collector.feed.Feed;
import org.newswatch.collector.feed.RegistryException;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Claims due feeds for one instance and writes back how each poll went. A claim is a lease in the feed row
 * (owner and expiry), taken with {@code FOR UPDATE SKIP LOCKED} so that concurrent instances never claim one
 * feed twice and never wait for each other; a crashed instance's leases simply expire. Every write-back checks
 * that the lease is still ours.
 */
@ApplicationScoped
public class FeedLeases {

    /** A successful poll (200 or 304) and what it taught us. */
    public record Success(int status, String etag, String lastModified, String movedTo, String feedTitle,
            String siteUrl, String format, Duration interval, Instant nextPollAt) {
    }

    /** A failed poll. {@code disable} stops polling the feed (410 Gone). */
    public record Failure(String stage, String kind, String message, Integer status, Instant nextPollAt,
            boolean disable) {
    }

    private final DataSource dataSource;

    public FeedLeases(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Up to {@code limit} due feeds, most overdue first, leased to {@code owner} for {@code lease}. */
    public List<Feed> claim(String owner, int limit, Duration lease) {
        String sql = "UPDATE feed SET lease_owner = ?, lease_until = now() + ? * interval '1 millisecond' "
                + "WHERE id IN (SELECT id FROM feed WHERE enabled AND next_poll_at <= now() "
                + "  AND (lease_until IS NULL OR lease_until < now()) "
                + "  ORDER BY next_poll_at LIMIT ? FOR UPDATE SKIP LOCKED) "
                + "RETURNING " + Feed.COLUMNS;
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, owner);
            st.setLong(2, lease.toMillis());
            st.setInt(3, limit);
            List<Feed> feeds = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    feeds.add(Feed.from(rs));
                }
            }
            return feeds;
        } catch (SQLException e) {
            throw new RegistryException("cannot claim due feeds", e);
        }
    }

    /** Gives a claimed feed back unpolled, due again at {@code nextPollAt}. */
    public boolean release(Feed feed, String owner, Instant nextPollAt) {
        return update("UPDATE feed SET lease_owner = NULL, lease_until = NULL, next_poll_at = ? "
                + "WHERE id = ? AND lease_owner = ?", st -> {
                    st.setTimestamp(1, Timestamp.from(nextPollAt));
                    st.setObject(2, feed.id());
                    st.setString(3, owner);
                });
    }

    /**
     * Records a successful poll and releases the lease. A permanent redirect moves the feed to its new URL unless
     * another registered feed has it already. The registry's title and site are filled from the feed when empty.
     */
    public boolean succeeded(Feed feed, String owner, Success s) {
        return update("UPDATE feed SET lease_owner = NULL, lease_until = NULL, "
                + "url = CASE WHEN ?::text IS NOT NULL AND NOT EXISTS (SELECT 1 FROM feed other WHERE other.url = ?) "
                + "  THEN ? ELSE url END, "
                + "etag = ?, last_modified = ?, title = COALESCE(title, ?), site_url = COALESCE(?, site_url), "
                + "format = COALESCE(?, format), effective_interval_seconds = ?, next_poll_at = ?, "
                + "last_polled_at = now(), last_success_at = now(), last_http_status = ?, consecutive_failures = 0, "
                + "updated_at = now() WHERE id = ? AND lease_owner = ?", st -> {
                    int i = 1;
                    st.setString(i++, s.movedTo());
                    st.setString(i++, s.movedTo());
                    st.setString(i++, s.movedTo());
                    st.setString(i++, s.etag());
                    st.setString(i++, s.lastModified());
                    st.setString(i++, s.feedTitle());
                    st.setString(i++, s.siteUrl());
                    st.setString(i++, s.format());
                    st.setInt(i++, (int) Math.min(Integer.MAX_VALUE, s.interval().toSeconds()));
                    st.setTimestamp(i++, Timestamp.from(s.nextPollAt()));
                    st.setInt(i++, s.status());
                    st.setObject(i++, feed.id());
                    st.setString(i, owner);
                });
    }

    /** Records a failed poll with its stage, kind and message, and releases the lease. */
    public boolean failed(Feed feed, String owner, Failure f) {
        return update("UPDATE feed SET lease_owner = NULL, lease_until = NULL, next_poll_at = ?, "
                + "last_polled_at = now(), last_error_at = now(), last_error_stage = ?, last_error_kind = ?, "
                + "last_error_message = ?, last_http_status = COALESCE(?, last_http_status), "
                + "consecutive_failures = consecutive_failures + 1, "
                + "enabled = enabled AND NOT ?, "
                + "disabled_reason = CASE WHEN ? THEN ? ELSE disabled_reason END, "
                + "updated_at = now() WHERE id = ? AND lease_owner = ?", st -> {
                    int i = 1;
                    st.setTimestamp(i++, Timestamp.from(f.nextPollAt()));
                    st.setString(i++, f.stage());
                    st.setString(i++, f.kind());
                    st.setString(i++, truncate(f.message(), 2000));
                    if (f.status() == null) {
                        st.setNull(i++, Types.INTEGER);
                    } else {
                        st.setInt(i++, f.status());
                    }
                    st.setBoolean(i++, f.disable());
                    st.setBoolean(i++, f.disable());
                    st.setString(i++, truncate(f.message(), 2000));
                    st.setObject(i++, feed.id());
                    st.setString(i, owner);
                });
    }

    /** Feeds due now, and of those the ones more than {@code overdueAfter} late, for the metrics. */
    public long[] dueAndOverdue(Duration overdueAfter) {
        String sql = "SELECT count(*), count(*) FILTER (WHERE next_poll_at < now() - ? * interval '1 millisecond') "
                + "FROM feed WHERE enabled AND next_poll_at <= now()";
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, overdueAfter.toMillis());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        } catch (SQLException e) {
            throw new RegistryException("cannot count due feeds", e);
        }
    }

    private interface Parameters {
        void set(PreparedStatement st) throws SQLException;
    }

    private boolean update(String sql, Parameters parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            parameters.set(st);
            return st.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new RegistryException("cannot record a poll", e);
        }
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
