package org.newswatch.alert.mail;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What the alert e-mails say about themselves and how their links are signed. */
@ConfigMapping(prefix = "newswatch.alert.mail")
public interface MailConfig {

    /** The sender of every alert mail. */
    @WithDefault("newswatch alerts <alerts@newswatch.localhost>")
    String from();

    /**
     * Key (at least 32 characters) the confirmation and unsubscribe links are signed with (env
     * {@code NEWSWATCH_ALERT_MAIL_LINK_KEY}). No default: outside the local and test profiles the service
     * refuses to start without one. Changing it voids every link already mailed.
     */
    String linkKey();

    /** How long a confirmation link works. */
    @WithDefault("7d")
    Duration confirmationValidity();

    /** How long an unsubscribe link works: long, since people unsubscribe from old mails too. */
    @WithDefault("400d")
    Duration unsubscribeValidity();

    /**
     * The domain of each mail's {@code List-Id} ({@code <subscription id>.<domain>}) and {@code Message-ID};
     * one the operator controls.
     */
    @WithDefault("alerts.newswatch.localhost")
    String listDomain();

    /**
     * A mailbox whose messages the operator turns into unsubscribes, offered as the {@code mailto:} form of
     * {@code List-Unsubscribe}. This service reads no mailbox, so it is left out unless configured.
     */
    Optional<String> unsubscribeMailbox();

    /** How often the digest sender and the confirmation sender look for work. */
    @WithDefault("15s")
    Duration outboxInterval();
}
