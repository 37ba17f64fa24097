package org.newswatch.alert.webhook;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

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
    private final long secretCacheNanos;

    @Inject
    public WebhookChannel(OutboundUrlGuard guard, SubscriptionSecrets secrets, WebhookSender sender, PublicLinks links,
            WebhookConfig config) {
        this(guard, secrets, new WebhookSigner(), sender, links, config);
    }

    WebhookChannel(OutboundUrlGuard guard, SubscriptionSecrets secrets, WebhookSigner signer, WebhookSender sender,
            PublicLinks links, WebhookConfig config) {
        this.secretCacheNanos = config.secretCacheTime().toNanos();
        this.guard = guard;
        this.secrets = secrets;
        this.signer = signer;
        this.sender = sender;
        this.links = links;
    }

    /** A subscription's secrets as read at some moment. */
    private record ReadSecrets(List<String> values, long readAtNanos) {
    }

    private static final int MAX_CACHED_SUBSCRIPTIONS = 50_000;
    private final Map<UUID, ReadSecrets> recentSecrets = new ConcurrentHashMap<>();

    private List<String> signingSecretsOf(UUID subscriptionId) {
        long now = System.nanoTime();
        ReadSecrets cached = recentSecrets.get(subscriptionId);
        if (cached != null && now - cached.readAtNanos() < secretCacheNanos) {
            return cached.values();
        }
        List<String> values = secrets.signingSecretsOf(subscriptionId).stream().map(WebhookSecret::value).toList();
        if (recentSecrets.size() >= MAX_CACHED_SUBSCRIPTIONS) {
            recentSecrets.clear();
        }
        recentSecrets.put(subscriptionId, new ReadSecrets(values, now));
        return values;
    }

    private static final int MAX_CACHED_BODIES = 1_000;
    private final Map<String, String> recentBodies = new ConcurrentHashMap<>();

    /**
     * The body of a delivery. Matching records all deliveries of a story in one transaction, so they share their
     * match time and so their body: a story sent to many subscriptions is written to JSON once.
     */
    private String bodyOf(DueDelivery delivery) {
        String key = delivery.article().article().id() + "@" + delivery.createdAt();
        String body = recentBodies.get(key);
        if (body == null) {
            body = WebhookMessage.of(delivery.article(), delivery.createdAt(),
                    links.article(delivery.article().article().id())).toJson();
            if (recentBodies.size() >= MAX_CACHED_BODIES) {
                recentBodies.clear();
            }
            recentBodies.put(key, body);
        }
        return body;
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
        List<String> signingSecrets = signingSecretsOf(delivery.subscriptionId());
        if (signingSecrets.isEmpty()) {
            return DeliveryOutcome.failed(null, "the subscription has no signing secret");
        }
        String body = bodyOf(delivery);
        return sender.post(url, body, signer.sign(delivery.id().toString(), body, signingSecrets));
    }
}
