package org.newswatch.alert.subscription;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A stored subscription: what its owner wants to be told about, and how. Carries no secret: webhook
 * signing secrets are read through {@code org.newswatch.alert.secret.SubscriptionSecrets}.
 *
 * @param subscriberId   the subscriber row (the owner, and for e-mail the address with its opt-in state)
 * @param topics         topic ids; a story matches when one of them is flagged with at least {@code minScore}
 * @param keywords       words or phrases as the owner wrote them; empty = no keyword condition
 * @param languages      BCP 47 tags; empty = every language
 * @param sources        source names, feed ids or hosts; empty = every source
 * @param digest         the digest schedule when {@code mode} is {@link DeliveryMode#DIGEST}, else null
 * @param disabledReason why the service disabled it, when {@code status} is {@link SubscriptionStatus#DISABLED}
 */
public record Subscription(
        UUID id,
        String owner,
        UUID subscriberId,
        String name,
        List<String> topics,
        List<String> keywords,
        KeywordMode keywordMode,
        double minScore,
        List<String> languages,
        List<String> sources,
        Channel channel,
        DeliveryMode mode,
        Digest digest,
        SubscriptionStatus status,
        String disabledReason,
        Instant createdAt,
        Instant updatedAt) {

    public Subscription {
        topics = List.copyOf(topics);
        keywords = List.copyOf(keywords);
        languages = List.copyOf(languages);
        sources = List.copyOf(sources);
    }
}
