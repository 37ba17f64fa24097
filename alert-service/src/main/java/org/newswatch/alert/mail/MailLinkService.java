package org.newswatch.alert.mail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.jboss.logging.Logger;
import org.newswatch.alert.delivery.DeliveryStore;
import org.newswatch.alert.mail.SignedLinkTokens.Claims;
import org.newswatch.alert.mail.SignedLinkTokens.InvalidTokenException;
import org.newswatch.alert.mail.SignedLinkTokens.Purpose;

import jakarta.inject.Singleton;

/** What the links in alert mails do: confirm an address, and unsubscribe it (one owner's alerts to it). */
@Singleton
public class MailLinkService {

    private static final Logger LOG = Logger.getLogger(MailLinkService.class);

    /** How a link was followed, in words for the page the person sees. */
    public record Result(Kind kind, String detail) {
        public enum Kind { DONE, ALREADY_DONE, GONE }
    }

    private final DeliveryStore store;
    private final SignedLinkTokens tokens;
    private final Clock clock;

    public MailLinkService(DeliveryStore store, SignedLinkTokens tokens, Clock clock) {
        this.store = store;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** Confirms the address the token was mailed to, if the token is still the current one for it. */
    public Result confirm(String token) throws InvalidTokenException {
        Instant now = clock.instant();
        Claims claims = tokens.read(token, Purpose.CONFIRM, now);
        return checked(() -> store.inTransaction("confirm an address", connection -> {
            String address;
            String nonce;
            boolean confirmed;
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT email, confirmation_nonce, confirmed_at IS NOT NULL FROM subscriber WHERE id = ? FOR UPDATE")) {
                select.setObject(1, claims.id());
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next() || rs.getString(1) == null) {
                        return new Result(Result.Kind.GONE, "These alerts no longer exist.");
                    }
                    address = rs.getString(1);
                    nonce = rs.getString(2);
                    confirmed = rs.getBoolean(3);
                }
            }
            // Checked first, so that a forged token learns nothing, not even "already confirmed".
            verify(token, claims, nonce == null ? null : AlertMailComposer.confirmationBinding(address, nonce));
            if (confirmed) {
                return new Result(Result.Kind.ALREADY_DONE, address + " is already confirmed.");
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE subscriber SET confirmed_at = ? WHERE id = ?")) {
                update.setTimestamp(1, Timestamp.from(now));
                update.setObject(2, claims.id());
                update.executeUpdate();
            }
            LOG.infof("Subscriber %s confirmed their address", claims.id());
            return new Result(Result.Kind.DONE, address + " is confirmed: alerts will arrive there from now on.");
        }));
    }

    /** Who an unsubscribe link is for: the address and the names of the subscriptions it would stop. */
    public record Recipient(String address, List<String> subscriptions) {
    }

    /**
     * Checks an unsubscribe token without acting on it, for the page that asks to confirm by a POST.
     *
     * @return empty when the subscriber no longer exists
     */
    public Optional<Recipient> recipientOf(String token) throws InvalidTokenException {
        Claims claims = tokens.read(token, Purpose.UNSUBSCRIBE, clock.instant());
        return checked(() -> store.inTransaction("read a subscriber", connection -> {
            String address;
            try (PreparedStatement select = connection.prepareStatement("SELECT email FROM subscriber WHERE id = ?")) {
                select.setObject(1, claims.id());
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next() || rs.getString(1) == null) {
                        return Optional.empty();
                    }
                    address = rs.getString(1);
                }
            }
            verify(token, claims, address);
            return Optional.of(new Recipient(address, subscriptionNames(connection, claims.id())));
        }));
    }

    /**
     * Stops every alert of the subscriber to the address (RFC 8058 one-click): matching gives it no more
     * deliveries, and its deliveries not yet sent are skipped. Subscribing the address again starts the
     * double opt-in over.
     */
    public Result unsubscribe(String token) throws InvalidTokenException {
        Instant now = clock.instant();
        Claims claims = tokens.read(token, Purpose.UNSUBSCRIBE, now);
        return checked(() -> store.inTransaction("unsubscribe", connection -> {
            String address;
            boolean already;
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT email, unsubscribed_at IS NOT NULL FROM subscriber WHERE id = ? FOR UPDATE")) {
                select.setObject(1, claims.id());
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next() || rs.getString(1) == null) {
                        return new Result(Result.Kind.GONE, "These alerts no longer exist: nothing more will be sent.");
                    }
                    address = rs.getString(1);
                    already = rs.getBoolean(2);
                }
            }
            verify(token, claims, address);
            if (already) {
                return new Result(Result.Kind.ALREADY_DONE, address + " is already unsubscribed.");
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE subscriber SET unsubscribed_at = ? WHERE id = ?")) {
                update.setTimestamp(1, Timestamp.from(now));
                update.setObject(2, claims.id());
                update.executeUpdate();
            }
            try (PreparedStatement skip = connection.prepareStatement("""
                    UPDATE delivery SET state = 'skipped', last_error = 'the recipient unsubscribed'
                     WHERE state = 'pending' AND subscription_id IN (SELECT id FROM subscription WHERE subscriber_id = ?)
                    """)) {
                skip.setObject(1, claims.id());
                skip.executeUpdate();
            }
            LOG.infof("Subscriber %s: the recipient unsubscribed", claims.id());
            List<String> names = subscriptionNames(connection, claims.id());
            return new Result(Result.Kind.DONE, address + " is unsubscribed" + (names.isEmpty() ? ""
                    : " from " + String.join(", ", names.stream().map(n -> "“" + n + "”").toList()))
                    + ". Nothing more will be sent there.");
        }));
    }

    private static List<String> subscriptionNames(Connection connection, UUID subscriberId) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT name FROM subscription WHERE subscriber_id = ? ORDER BY created_at")) {
            select.setObject(1, subscriberId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    private void verify(String token, Claims claims, String binding) {
        try {
            if (binding == null) {
                throw new InvalidTokenException("the link is not valid any more");
            }
            tokens.verify(token, claims, binding);
        } catch (InvalidTokenException e) {
            // Out of the transaction lambda as an unchecked exception; the resource turns it back into a page.
            throw new InvalidLink(e);
        }
    }

    private static <T> T checked(Supplier<T> transaction) throws InvalidTokenException {
        try {
            return transaction.get();
        } catch (InvalidLink e) {
            throw (InvalidTokenException) e.getCause();
        }
    }

    /** An {@link InvalidTokenException} found inside a transaction, which it rolls back. */
    private static final class InvalidLink extends RuntimeException {
        InvalidLink(InvalidTokenException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
