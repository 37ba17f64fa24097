package org.newswatch.alert.mail;

import org.jboss.logging.Logger;
import org.newswatch.alert.delivery.DeliveryStore;
import org.newswatch.alert.delivery.OwnerNotices;

import io.quarkus.mailer.Mailer;
import jakarta.inject.Singleton;

/**
 * Tells an owner that a subscription of theirs was disabled: always a log line (ids and reason, never the URL
 * or a secret), and an e-mail when the owner has a confirmed address with us. The mail is sent once, best
 * effort; the disabled state and its reason stay on the subscription for the API to show in any case.
 */
@Singleton
public class OwnerNotifier implements OwnerNotices {

    private static final Logger LOG = Logger.getLogger(OwnerNotifier.class);

    private final DeliveryStore store;
    private final AlertMailComposer composer;
    private final Mailer mailer;

    public OwnerNotifier(DeliveryStore store, AlertMailComposer composer, Mailer mailer) {
        this.store = store;
        this.composer = composer;
        this.mailer = mailer;
    }

    @Override
    public void subscriptionDisabled(DeliveryStore.Disabled disabled) {
        LOG.warnf("Disabled subscription %s of owner %s: %s", disabled.subscriptionId(), disabled.owner(),
                disabled.reason());
        try {
            var address = store.addressOfOwner(disabled.owner());
            if (address.isEmpty()) {
                LOG.infof("Owner %s of subscription %s has no confirmed address; the API shows why it was disabled",
                        disabled.owner(), disabled.subscriptionId());
                return;
            }
            mailer.send(composer.subscriptionDisabled(address.get(), disabled));
            LOG.infof("Told owner %s by e-mail that subscription %s was disabled", disabled.owner(),
                    disabled.subscriptionId());
        } catch (RuntimeException e) {
            LOG.warnf("Could not tell owner %s by e-mail that subscription %s was disabled: %s", disabled.owner(),
                    disabled.subscriptionId(), SmtpFailures.describe(e));
        }
    }
}
