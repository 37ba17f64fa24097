package org.newswatch.alert.mail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jboss.logging.Logger;
import org.newswatch.alert.delivery.DeliveryOutcome;
import org.newswatch.alert.delivery.DeliveryStore;
import org.newswatch.alert.delivery.DeliveryWorkers;
import org.newswatch.alert.delivery.RetrySchedule;
import org.newswatch.contracts.ArticleClassified;

import io.quarkus.mailer.Mailer;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Singleton;

/**
 * Sends digests: one mail per (subscription, digest time) once that time has come, with every pending
 * delivery of that digest grouped by topic. The deliveries are locked while the mail goes out and marked
 * delivered in the same transaction that records the send.
 *
 * <p>At least once, not exactly once: if the SMTP server accepted the mail but the commit then fails (the
 * database went away, the process died), the deliveries are still pending and the digest is sent again on a
 * later run. Its Message-ID is the same both times, so mail clients that fold duplicates show it once. The
 * other order (commit, then send) could lose a digest, which is worse.
 */
@Singleton
public class DigestSender {

    private static final Logger LOG = Logger.getLogger(DigestSender.class);
    private static final int GROUPS_PER_RUN = 100;

    /** One digest that is due: the deliveries of a subscription for one digest time. */
    record DueDigest(UUID subscriptionId, Instant digestAt) {
    }

    private record Row(UUID deliveryId, int attempt, int scheduleAttempt, String event) {
    }

    private final DeliveryStore store;
    private final AlertMailComposer composer;
    private final Mailer mailer;
    private final RetrySchedule schedule;
    private final DeliveryWorkers workers;
    private final Clock clock;

    public DigestSender(DeliveryStore store, AlertMailComposer composer, Mailer mailer, RetrySchedule schedule,
            DeliveryWorkers workers, Clock clock) {
        this.store = store;
        this.composer = composer;
        this.mailer = mailer;
        this.schedule = schedule;
        this.workers = workers;
        this.clock = clock;
    }

    @Scheduled(every = "{newswatch.alert.mail.outbox-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sendDue() {
        if (!workers.isRunning()) {
            return;
        }
        try {
            for (DueDigest digest : dueDigests(clock.instant())) {
                send(digest);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Digests wait for the next run: %s", e.getMessage());
        }
    }

    List<DueDigest> dueDigests(Instant now) {
        return store.inTransaction("find due digests", connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT DISTINCT d.subscription_id, d.digest_at
                      FROM delivery d
                      JOIN subscription s ON s.id = d.subscription_id
                      JOIN subscriber sb ON sb.id = s.subscriber_id
                     WHERE d.state = 'pending' AND d.digest_at IS NOT NULL AND d.next_attempt_at <= ?
                       AND s.status = 'active' AND sb.confirmed_at IS NOT NULL AND sb.unsubscribed_at IS NULL
                     LIMIT ?
                    """)) {
                select.setTimestamp(1, Timestamp.from(now));
                select.setInt(2, GROUPS_PER_RUN);
                List<DueDigest> due = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        due.add(new DueDigest(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant()));
                    }
                }
                return due;
            }
        });
    }

    /** Sends one digest and records it; false when another instance took it or nothing was left to send. */
    boolean send(DueDigest digest) {
        Instant now = clock.instant();
        return store.inTransaction("send the digest of subscription " + digest.subscriptionId(), connection -> {
            String name = null;
            UUID subscriberId = null;
            String address = null;
            List<String> topics = List.of();
            ZoneId zone = ZoneOffset.UTC;
            Duration span = Duration.ofHours(1);
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT d.id, d.attempts, d.retry_base, a.event, s.name, s.channel_target, s.topics,
                           s.digest_time_zone, s.digest_frequency, s.subscriber_id
                      FROM delivery d
                      JOIN subscription s ON s.id = d.subscription_id
                      LEFT JOIN article a ON a.id = d.article_id
                     WHERE d.subscription_id = ? AND d.digest_at = ? AND d.state = 'pending' AND d.next_attempt_at <= ?
                       AND s.status = 'active'
                     ORDER BY d.created_at, d.id
                       FOR UPDATE OF d SKIP LOCKED
                    """)) {
                select.setObject(1, digest.subscriptionId());
                select.setTimestamp(2, Timestamp.from(digest.digestAt()));
                select.setTimestamp(3, Timestamp.from(now));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        int attempt = rs.getInt(2) + 1;
                        rows.add(new Row(rs.getObject(1, UUID.class), attempt, attempt - rs.getInt(3), rs.getString(4)));
                        name = rs.getString(5);
                        address = rs.getString(6);
                        topics = List.of((String[]) rs.getArray(7).getArray());
                        zone = zoneOf(rs.getString(8));
                        span = "daily".equals(rs.getString(9)) ? Duration.ofDays(1) : Duration.ofHours(1);
                        subscriberId = rs.getObject(10, UUID.class);
                    }
                }
            }
            List<ArticleClassified> articles = new ArrayList<>();
            List<Row> sendable = new ArrayList<>();
            for (Row row : rows) {
                Optional<ArticleClassified> article = DeliveryStore.storedArticle(row.event());
                if (article.isPresent()) {
                    articles.add(article.get());
                    sendable.add(row);
                } else {
                    record(connection, row, DeliveryOutcome.failed(null,
                            "the story is no longer stored (or its stored form is unreadable)"), now, now, Optional.empty());
                }
            }
            if (sendable.isEmpty()) {
                return false;
            }
            DeliveryOutcome outcome;
            Instant startedAt = clock.instant();
            try {
                mailer.send(composer.digest(digest.subscriptionId(), subscriberId, name, address, topics, zone,
                        digest.digestAt().minus(span), digest.digestAt(), articles, now));
                outcome = DeliveryOutcome.delivered(null);
            } catch (RuntimeException e) {
                outcome = DeliveryOutcome.failed(null, SmtpFailures.describe(e));
            }
            Instant finishedAt = clock.instant();
            for (Row row : sendable) {
                Optional<Instant> next = outcome.delivered() ? Optional.empty()
                        : schedule.nextAttempt(row.scheduleAttempt(), finishedAt, null);
                record(connection, row, outcome, startedAt, finishedAt, next);
            }
            if (!outcome.delivered()) {
                LOG.warnf("Digest of subscription %s for %s failed: %s", digest.subscriptionId(), digest.digestAt(),
                        outcome.error());
            }
            return outcome.delivered();
        });
    }

    private static void record(Connection connection, Row row, DeliveryOutcome outcome, Instant startedAt,
            Instant finishedAt, Optional<Instant> next) throws SQLException {
        DeliveryStore.recordAttempt(connection, row.deliveryId(), row.attempt(), outcome, startedAt, finishedAt);
        String state = outcome.delivered() ? "delivered" : next.isPresent() ? "pending" : "failed";
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE delivery SET attempts = ?, state = ?, next_attempt_at = COALESCE(?, next_attempt_at),
                       last_status = NULL, last_error = ?, delivered_at = ?
                 WHERE id = ?
                """)) {
            update.setInt(1, row.attempt());
            update.setString(2, state);
            update.setTimestamp(3, next.map(Timestamp::from).orElse(null));
            update.setString(4, outcome.error());
            update.setTimestamp(5, outcome.delivered() ? Timestamp.from(finishedAt) : null);
            update.setObject(6, row.deliveryId());
            update.executeUpdate();
        }
    }

    private static ZoneId zoneOf(String id) {
        try {
            return id == null ? ZoneOffset.UTC : ZoneId.of(id);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
