package org.newswatch.alert.mail;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.jboss.logging.Logger;
import org.newswatch.alert.delivery.DeliveryStore;
import org.newswatch.alert.delivery.DeliveryWorkers;
import org.newswatch.alert.delivery.RetrySchedule;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

/**
 * Sends the mails of the durable outboxes ({@link ConfirmationSender}, {@link OwnerNoticeSender}): rows written
 * in the transaction of the change they are about, each sent while its row is locked and marked in the same
 * transaction, one row per transaction. An SMTP failure moves the row to its next attempt on the delivery
 * schedule and ends that outbox's run, as the server is likely away. A crash between sending and committing
 * sends the mail again on a later run: at least once, never lost.
 */
@Singleton
class OutboxMailer {

    private static final Logger LOG = Logger.getLogger(OutboxMailer.class);
    private static final int BATCH = 50;

    /** An outbox table; {@code R} is one due row of it, read while locked. */
    interface Outbox<R> {

        /** What its mails are, for the log: "Confirmation mails". */
        String name();

        /** Locks the next due row ({@code FOR UPDATE SKIP LOCKED}), if there is one. */
        Optional<R> lockNextDue(Connection connection, Instant now) throws SQLException;

        /** Which mail a row is, for the log: ids only. */
        String describe(R due);

        /** The attempt this is, counting from 1. */
        int attempt(R due);

        Mail compose(R due, Instant now);

        void markSent(Connection connection, R due, Instant at) throws SQLException;

        /** @param nextAttempt when to try again; empty after the last attempt of the schedule */
        void markFailed(Connection connection, R due, Optional<Instant> nextAttempt, String error) throws SQLException;
    }

    enum Sent { SENT, FAILED, NONE_DUE }

    private final DeliveryStore store;
    private final Mailer mailer;
    private final DeliveryWorkers workers;
    private final RetrySchedule schedule;
    private final Clock clock;
    private final Instance<Outbox<?>> outboxes;

    OutboxMailer(DeliveryStore store, Mailer mailer, DeliveryWorkers workers, RetrySchedule schedule, Clock clock,
            Instance<Outbox<?>> outboxes) {
        this.store = store;
        this.mailer = mailer;
        this.workers = workers;
        this.schedule = schedule;
        this.clock = clock;
        this.outboxes = outboxes;
    }

    @Scheduled(every = "{newswatch.alert.mail.outbox-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sendDue() {
        if (!workers.isRunning()) {
            return;
        }
        for (Outbox<?> outbox : outboxes) {
            sendDue(outbox);
        }
    }

    /** Up to {@link #BATCH} due mails of one outbox. */
    private <R> void sendDue(Outbox<R> outbox) {
        try {
            for (int i = 0; i < BATCH; i++) {
                if (sendOne(outbox) != Sent.SENT) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("%s wait for the next run: %s", outbox.name(), e.getMessage());
        }
    }

    /** Sends one due mail of the outbox, or records why it could not be sent. */
    <R> Sent sendOne(Outbox<R> outbox) {
        Instant now = clock.instant();
        return store.inTransaction("send " + outbox.name(), connection -> {
            Optional<R> found = outbox.lockNextDue(connection, now);
            if (found.isEmpty()) {
                return Sent.NONE_DUE;
            }
            R due = found.get();
            try {
                mailer.send(outbox.compose(due, now));
            } catch (RuntimeException e) {
                String error = SmtpFailures.describe(e);
                Optional<Instant> next = schedule.nextAttempt(outbox.attempt(due), clock.instant(), null);
                outbox.markFailed(connection, due, next, error);
                LOG.warnf("%s failed (attempt %d), %s: %s", outbox.describe(due), outbox.attempt(due),
                        next.map(at -> "next attempt at " + at).orElse("no attempts left"), error);
                return Sent.FAILED;
            }
            outbox.markSent(connection, due, now);
            LOG.debugf("Sent: %s", outbox.describe(due));
            return Sent.SENT;
        });
    }
}
