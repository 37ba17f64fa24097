package org.newswatch.alert.mail;

import java.time.Clock;

import org.newswatch.alert.delivery.DeliveryChannel;
import org.newswatch.alert.delivery.DeliveryOutcome;
import org.newswatch.alert.delivery.DueDelivery;

import io.quarkus.mailer.Mailer;
import jakarta.inject.Singleton;

/** Delivers a story as one e-mail, to a confirmed address only (the claim query sees to that). */
@Singleton
public class MailChannel implements DeliveryChannel {

    public static final String TYPE = "email";

    private final Mailer mailer;
    private final AlertMailComposer composer;
    private final Clock clock;

    public MailChannel(Mailer mailer, AlertMailComposer composer, Clock clock) {
        this.mailer = mailer;
        this.composer = composer;
        this.clock = clock;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public DeliveryOutcome attempt(DueDelivery delivery) {
        try {
            mailer.send(composer.story(delivery, clock.instant()));
            return DeliveryOutcome.delivered(null);
        } catch (RuntimeException e) {
            // The SMTP server is down or refused the mail: retried on the same schedule as a webhook.
            return DeliveryOutcome.failed(null, SmtpFailures.describe(e));
        }
    }
}
