package org.newswatch.alert.webhook;

import java.net.URI;
import java.util.List;

import org.newswatch.alert.delivery.DeliveryChannel;
import org.newswatch.alert.delivery.DeliveryOutcome;
import org.newswatch.alert.delivery.DueDelivery;
import org.newswatch.alert.delivery.PublicLinks;
import org.newswatch.alert.secret.SubscriptionSecrets;
import org.newswatch.alert.secret.WebhookSecret;
import org.newswatch.security.OutboundUrlGuard;
import org.newswatch.security.RefusedUrlException;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Delivers a story as a signed {@code article.flagged} webhook. */
@Singleton
public class WebhookChannel implements DeliveryChannel {

    public static final String TYPE = "webhook";

    private final OutboundUrlGuard guard;
    private final SubscriptionSecrets secrets;
    private final WebhookSigner signer;
    private final WebhookSender sender;
    private final PublicLinks links;

    @Inject
    public WebhookChannel(OutboundUrlGuard guard, SubscriptionSecrets secrets, WebhookSender sender, PublicLinks links) {
        this(guard, secrets, new WebhookSigner(), sender, links);
    }

    WebhookChannel(OutboundUrlGuard guard, SubscriptionSecrets secrets, WebhookSigner signer, WebhookSender sender,
            PublicLinks links) {
        this.guard = guard;
        this.secrets = secrets;
        this.signer = signer;
        this.sender = sender;
        this.links = links;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public DeliveryOutcome attempt(DueDelivery delivery) {
        URI url;
        try {
            // Again at send time: the name may resolve elsewhere than when the subscription was saved.
            url = guard.check(delivery.channelTarget());
        } catch (RefusedUrlException e) {
            return DeliveryOutcome.failed(null, "webhook URL refused: " + e.getMessage());
        }
        List<String> signingSecrets = secrets.signingSecretsOf(delivery.subscriptionId()).stream()
                .map(WebhookSecret::value)
                .toList();
        if (signingSecrets.isEmpty()) {
            return DeliveryOutcome.failed(null, "the subscription has no signing secret");
        }
        String body = WebhookMessage.of(delivery.article(), delivery.createdAt(),
                links.article(delivery.article().article().id())).toJson();
        return sender.post(url, body, signer.sign(delivery.id().toString(), body, signingSecrets));
    }
}
