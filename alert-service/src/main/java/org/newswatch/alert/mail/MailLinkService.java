package org.newswatch.alert.mail;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

import org.jboss.logging.Logger;
import org.newswatch.alert.delivery.DeliveryStore;
import org.newswatch.alert.mail.SignedLinkTokens.Claims;
import org.newswatch.alert.mail.SignedLinkTokens.InvalidTokenException;
import org.newswatch.alert.mail.SignedLinkTokens.Purpose;

import jakarta.inject.Singleton;

/** What the links in alert mails do: confirm an address, and unsubscribe from one subscription. */
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

    /** Checks an unsubscribe token without acting on it, for the page that asks to confirm by a POST. */
    public String subscriptionNameFor(String token) throws InvalidTokenException {
        Claims claims = tokens.read(token, Purpose.UNSUBSCRIBE, clock.instant());
        return checked(() -> store.inTransaction("read a subscription", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT name, channel_target FROM subscription WHERE id = ? AND channel_type = 'email'")) {
                select.setObject(1, claims.id());
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    verify(token, claims, rs.getString(2));
                    return rs.getString(1);
                }
            }
        }));
    }

    /**
     * Stops the subscription the token names: it is disabled with the reason, and its deliveries not yet sent
     * are skipped, so that resuming it later does not flood the address with old stories.
     */
    public Result unsubscribe(String token) throws InvalidTokenException {
        Instant now = clock.instant();
        Claims claims = tokens.read(token, Purpose.UNSUBSCRIBE, now);
        return checked(() -> store.inTransaction("unsubscribe", connection -> {
            String name;
            String address;
            String reason;
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT name, channel_target, disabled_reason FROM subscription"
                            + " WHERE id = ? AND channel_type = 'email' FOR UPDATE")) {
                select.setObject(1, claims.id());
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return new Result(Result.Kind.GONE, "This subscription no longer exists: nothing more will be sent"
                                + " for it.");
                    }
                    name = rs.getString(1);
                    address = rs.getString(2);
                    reason = rs.getString(3);
                }
            }
            verify(token, claims, address);
            if (reason != null && reason.startsWith(UNSUBSCRIBED)) {
                return new Result(Result.Kind.ALREADY_DONE, address + " is already unsubscribed from “" + name + "”.");
            }
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE subscription SET status = 'disabled', disabled_reason = ?, status_changed_at = ?, updated_at = ?
                     WHERE id = ?
                    """)) {
                update.setString(1, UNSUBSCRIBED + " by the recipient at " + now);
                update.setTimestamp(2, Timestamp.from(now));
                update.setTimestamp(3, Timestamp.from(now));
                update.setObject(4, claims.id());
                update.executeUpdate();
            }
            try (PreparedStatement skip = connection.prepareStatement("""
                    UPDATE delivery SET state = 'skipped', last_error = 'the recipient unsubscribed'
                     WHERE subscription_id = ? AND state = 'pending'
                    """)) {
                skip.setObject(1, claims.id());
                skip.executeUpdate();
            }
            LOG.infof("Subscription %s: the recipient unsubscribed", claims.id());
            return new Result(Result.Kind.DONE, address + " is unsubscribed from “" + name + "”. Nothing more will be"
                    + " sent for it.");
        }));
    }

    static final String UNSUBSCRIBED = "unsubscribed";

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
