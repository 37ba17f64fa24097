package org.newswatch.alert.mail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jboss.logging.Logger;
import org.newswatch.alert.delivery.DeliveryStore;

import io.quarkus.mailer.Mail;
import jakarta.inject.Singleton;

/**
 * The outbox of the notices that tell owners the delivery side disabled a subscription of theirs. The delivery
 * side writes an {@code owner_notice} row in the transaction that disables the subscription; {@link OutboxMailer}
 * sends it to the owner's confirmed address, so an SMTP outage or a crash delays the notice, never loses it. An
 * owner without a confirmed address gets no mail: the notice is marked {@code not_mailable} and logged once; the
 * API shows the disabled state and its reason in any case.
 */
@Singleton
public class OwnerNoticeSender implements OutboxMailer.Outbox<OwnerNoticeSender.DueNotice> {

    private static final Logger LOG = Logger.getLogger(OwnerNoticeSender.class);

    /** @param address the owner's confirmed address, null when they have none */
    record DueNotice(UUID id, DeliveryStore.Disabled disabled, String address, int attempt) {
    }

    private final AlertMailComposer composer;

    public OwnerNoticeSender(AlertMailComposer composer) {
        this.composer = composer;
    }

    @Override
    public String name() {
        return "Owner notices";
    }

    /** The next due notice to an owner with a confirmed address; due notices of owners without one are closed. */
    @Override
    public Optional<DueNotice> lockNextDue(Connection connection, Instant now) throws SQLException {
        while (true) {
            DueNotice due;
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT n.id, n.subscription_id, n.owner, n.subscription_name, n.reason, n.attempts,
                           (SELECT sb.email FROM subscriber sb
                             WHERE sb.owner = n.owner AND sb.email IS NOT NULL AND sb.confirmed_at IS NOT NULL
                               AND sb.unsubscribed_at IS NULL
                             ORDER BY sb.confirmed_at LIMIT 1)
                      FROM owner_notice n
                     WHERE n.state = 'pending' AND n.next_attempt_at <= ?
                     ORDER BY n.next_attempt_at LIMIT 1
                       FOR UPDATE OF n SKIP LOCKED
                    """)) {
                select.setTimestamp(1, Timestamp.from(now));
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    due = new DueNotice(rs.getObject(1, UUID.class), new DeliveryStore.Disabled(
                            rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4), rs.getString(5)),
                            rs.getString(7), rs.getInt(6) + 1);
                }
            }
            if (due.address() != null) {
                return Optional.of(due);
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE owner_notice SET state = 'not_mailable' WHERE id = ?")) {
                update.setObject(1, due.id());
                update.executeUpdate();
            }
            LOG.infof("Owner %s of subscription %s has no confirmed address; the API shows why it was disabled",
                    due.disabled().owner(), due.disabled().subscriptionId());
        }
    }

    @Override
    public String describe(DueNotice due) {
        return "Notice " + due.id() + " to owner " + due.disabled().owner() + " that subscription "
                + due.disabled().subscriptionId() + " was disabled";
    }

    @Override
    public int attempt(DueNotice due) {
        return due.attempt();
    }

    @Override
    public Mail compose(DueNotice due, Instant now) {
        return composer.subscriptionDisabled(due.id(), due.address(), due.disabled());
    }

    @Override
    public void markSent(Connection connection, DueNotice due, Instant at) throws SQLException {
        try (PreparedStatement sent = connection.prepareStatement("""
                UPDATE owner_notice SET state = 'sent', sent_at = ?, attempts = ?, last_error = NULL WHERE id = ?
                """)) {
            sent.setTimestamp(1, Timestamp.from(at));
            sent.setInt(2, due.attempt());
            sent.setObject(3, due.id());
            sent.executeUpdate();
        }
        LOG.infof("Told owner %s by e-mail that subscription %s was disabled", due.disabled().owner(),
                due.disabled().subscriptionId());
    }

    @Override
    public void markFailed(Connection connection, DueNotice due, Optional<Instant> nextAttempt, String error)
            throws SQLException {
        try (PreparedStatement failed = connection.prepareStatement("""
                UPDATE owner_notice SET state = ?, attempts = ?, next_attempt_at = COALESCE(?, next_attempt_at),
                       last_error = ?
                 WHERE id = ?
                """)) {
            failed.setString(1, nextAttempt.isPresent() ? "pending" : "failed");
            failed.setInt(2, due.attempt());
            failed.setTimestamp(3, nextAttempt.map(Timestamp::from).orElse(null));
            failed.setString(4, error);
            failed.setObject(5, due.id());
            failed.executeUpdate();
        }
    }
}
