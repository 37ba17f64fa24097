package org.newswatch.alert.mail;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jboss.logging.Logger;
import org.newswatch.alert.delivery.DeliveryStore;
import org.newswatch.alert.delivery.DeliveryWorkers;
import org.newswatch.alert.delivery.RetrySchedule;

import io.quarkus.mailer.Mailer;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Singleton;

/**
 * Sends the double opt-in mails. A subscriber row with an address, no confirmation and no
 * {@code confirmation_sent_at} is a confirmation mail due (the subscription side writes it in the same
 * transaction as the subscription): a durable outbox, so a crash or an SMTP outage delays the mail, never
 * loses it.
 */
@Singleton
public class ConfirmationSender {

    private static final Logger LOG = Logger.getLogger(ConfirmationSender.class);
    private static final int BATCH = 50;

    private final DeliveryStore store;
    private final AlertMailComposer composer;
    private final Mailer mailer;
    private final DeliveryWorkers workers;
    private final RetrySchedule schedule;
    private final Clock clock;

    public ConfirmationSender(DeliveryStore store, AlertMailComposer composer, Mailer mailer,
            DeliveryWorkers workers, RetrySchedule schedule, Clock clock) {
        this.store = store;
        this.composer = composer;
        this.mailer = mailer;
        this.workers = workers;
        this.schedule = schedule;
        this.clock = clock;
    }

    @Scheduled(every = "{newswatch.alert.mail.outbox-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sendDue() {
        if (!workers.isRunning()) {
            return;
        }
        try {
            for (int i = 0; i < BATCH; i++) {
                // One subscriber per transaction; after a failure the server is likely away, so wait for the next run.
                if (sendOne() != Sent.SENT) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("Confirmation mails wait for the next run: %s", e.getMessage());
        }
    }

    enum Sent { SENT, FAILED, NONE_DUE }

    /** Sends one due confirmation mail, or records why it could not be sent. */
    Sent sendOne() {
        Instant now = clock.instant();
        return store.inTransaction("send a confirmation mail", connection -> {
            UUID id;
            String address;
            String nonce;
            int attempts;
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT id, email, confirmation_nonce, confirmation_attempts FROM subscriber
                     WHERE email IS NOT NULL AND confirmed_at IS NULL AND confirmation_sent_at IS NULL
                       AND confirmation_nonce IS NOT NULL AND unsubscribed_at IS NULL
                       AND (confirmation_next_at IS NULL OR confirmation_next_at <= ?)
                     ORDER BY confirmation_next_at NULLS FIRST, created_at LIMIT 1
                       FOR UPDATE SKIP LOCKED
                    """)) {
                select.setTimestamp(1, Timestamp.from(now));
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return Sent.NONE_DUE;
                    }
                    id = rs.getObject(1, UUID.class);
                    address = rs.getString(2);
                    nonce = rs.getString(3);
                    attempts = rs.getInt(4) + 1;
                }
            }
            try {
                // Sent while the row is locked and marked in the same transaction. A crash between the two sends
                // the mail again on the next run; its link works as well as the first one's.
                mailer.send(composer.confirmation(id, address, nonce, now));
            } catch (RuntimeException e) {
                String error = SmtpFailures.describe(e);
                Optional<Instant> next = schedule.nextAttempt(attempts, clock.instant(), null);
                try (PreparedStatement failed = connection.prepareStatement("""
                        UPDATE subscriber SET confirmation_attempts = ?, confirmation_next_at = ?, confirmation_error = ?
                         WHERE id = ?
                        """)) {
                    failed.setInt(1, attempts);
                    // After the last attempt the row is never due again; the error stays for operators.
                    failed.setTimestamp(2, Timestamp.from(next.orElse(Instant.parse("9999-12-31T00:00:00Z"))));
                    failed.setString(3, error);
                    failed.setObject(4, id);
                    failed.executeUpdate();
                }
                LOG.warnf("Confirmation mail of subscriber %s failed (attempt %d), %s: %s", id, attempts,
                        next.map(at -> "next attempt at " + at).orElse("no attempts left"), error);
                return Sent.FAILED;
            }
            try (PreparedStatement sent = connection.prepareStatement("""
                    UPDATE subscriber SET confirmation_sent_at = ?, confirmation_attempts = ?, confirmation_error = NULL
                     WHERE id = ?
                    """)) {
                sent.setTimestamp(1, Timestamp.from(now));
                sent.setInt(2, attempts);
                sent.setObject(3, id);
                sent.executeUpdate();
            }
            LOG.debugf("Sent the confirmation mail of subscriber %s", id);
            return Sent.SENT;
        });
    }
}
