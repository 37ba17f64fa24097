package org.newswatch.collector.feed;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/** A row of the feed registry: what to poll, how politely, and how it is doing. */
public record Feed(
        UUID id,
        String url,
        String title,
        String siteUrl,
        String format,
        boolean enabled,
        String disabledReason,
        int pollIntervalSeconds,
        Integer effectiveIntervalSeconds,
        String etag,
        String lastModified,
        Instant nextPollAt,
        String leaseOwner,
        Instant leaseUntil,
        Instant lastPolledAt,
        Instant lastSuccessAt,
        Instant lastErrorAt,
        String lastErrorStage,
        String lastErrorKind,
        String lastErrorMessage,
        Integer lastHttpStatus,
        int consecutiveFailures,
        long itemsSeen,
        Instant createdAt,
        Instant updatedAt) {

    /** The columns {@link #from(ResultSet)} reads, for SELECT and RETURNING clauses. */
    public static final String COLUMNS = "id, url, title, site_url, format, enabled, disabled_reason, "
            + "poll_interval_seconds, effective_interval_seconds, etag, last_modified, next_poll_at, lease_owner, "
            + "lease_until, last_polled_at, last_success_at, last_error_at, last_error_stage, last_error_kind, "
            + "last_error_message, last_http_status, consecutive_failures, items_seen, created_at, updated_at";

    public static Feed from(ResultSet rs) throws SQLException {
        return new Feed(
                rs.getObject("id", UUID.class),
                rs.getString("url"),
                rs.getString("title"),
                rs.getString("site_url"),
                rs.getString("format"),
                rs.getBoolean("enabled"),
                rs.getString("disabled_reason"),
                rs.getInt("poll_interval_seconds"),
                (Integer) rs.getObject("effective_interval_seconds"),
                rs.getString("etag"),
                rs.getString("last_modified"),
                instant(rs, "next_poll_at"),
                rs.getString("lease_owner"),
                instant(rs, "lease_until"),
                instant(rs, "last_polled_at"),
                instant(rs, "last_success_at"),
                instant(rs, "last_error_at"),
                rs.getString("last_error_stage"),
                rs.getString("last_error_kind"),
                rs.getString("last_error_message"),
                (Integer) rs.getObject("last_http_status"),
                rs.getInt("consecutive_failures"),
                rs.getLong("items_seen"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    /** The interval the scheduler currently uses: the adapted one once a poll settled it, else the asked one. */
    public int currentIntervalSeconds() {
        return effectiveIntervalSeconds != null ? effectiveIntervalSeconds : pollIntervalSeconds;
    }
}
