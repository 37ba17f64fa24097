package org.newswatch.alert.mail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.mailer.Mail;
import jakarta.inject.Singleton;

/**
 * The outbox of the double opt-in mails. A subscriber row with an address, no confirmation and no
 * {@code confirmation_sent_at} is a confirmation mail due (the subscription side writes it in the same
 * transaction as the subscription); {@link OutboxMailer} sends it, so a crash or an SMTP outage delays the mail,
 * never loses it. A mail sent again after a crash works as well as the first: its link is bound to the same nonce.
 */
@Singleton
public class ConfirmationSender implements OutboxMailer.Outbox<ConfirmationSender.DueConfirmation> {

    record DueConfirmation(UUID subscriberId, String address, String nonce, int attempt) {
    }

    private final AlertMailComposer composer;

    public ConfirmationSender(AlertMailComposer composer) {
        this.composer = composer;
    }

    @Override
    public String name() {
        return "Confirmation mails";
    }

    @Override
    public Optional<DueConfirmation> lockNextDue(Connection connection, Instant now) throws SQLException {
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
                    return Optional.empty();
                }
                return Optional.of(new DueConfirmation(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getInt(4) + 1));
            }
        }
    }

    @Override
    public String describe(DueConfirmation due) {
        return "Confirmation mail of subscriber " + due.subscriberId();
    }

    @Override
    public int attempt(DueConfirmation due) {
        return due.attempt();
    }

    @Override
    public Mail compose(DueConfirmation due, Instant now) {
        return composer.confirmation(due.subscriberId(), due.address(), due.nonce(), now);
    }

    @Override
    public void markSent(Connection connection, DueConfirmation due, Instant at) throws SQLException {
        try (PreparedStatement sent = connection.prepareStatement("""
                UPDATE subscriber SET confirmation_sent_at = ?, confirmation_attempts = ?, confirmation_error = NULL
                 WHERE id = ?
                """)) {
            sent.setTimestamp(1, Timestamp.from(at));
            sent.setInt(2, due.attempt());
            sent.setObject(3, due.subscriberId());
            sent.executeUpdate();
        }
    }

    @Override
    public void markFailed(Connection connection, DueConfirmation due, Optional<Instant> nextAttempt, String error)
            throws SQLException {
        try (PreparedStatement failed = connection.prepareStatement("""
                UPDATE subscriber SET confirmation_attempts = ?, confirmation_next_at = ?, confirmation_error = ?
                 WHERE id = ?
                """)) {
            failed.setInt(1, due.attempt());
            // After the last attempt the row is never due again; the error stays for operators.
            failed.setTimestamp(2, Timestamp.from(nextAttempt.orElse(Instant.parse("9999-12-31T00:00:00Z"))));
            failed.setString(3, error);
            failed.setObject(4, due.subscriberId());
            failed.executeUpdate();
        }
    }
}
