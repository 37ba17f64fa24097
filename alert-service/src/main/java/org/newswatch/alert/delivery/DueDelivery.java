package org.newswatch.alert.delivery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.newswatch.contracts.ArticleClassified;

/**
 * A delivery a worker has claimed, with what a channel needs to make the attempt.
 *
 * @param id              the delivery id; the webhook id and the mail's Message-ID, stable across retries
 * @param subscriptionId  the subscription it belongs to
 * @param subscriberId    the subscriber of that subscription (for e-mail: the address and its opt-in state)
 * @param name            the subscription's name, as its owner gave it
 * @param owner           the subscription's owner
 * @param channelType     {@code webhook} or {@code email}
 * @param channelTarget   the webhook URL or the e-mail address
 * @param topics          the topics the subscription watches
 * @param attempt         the number of this attempt over the delivery's whole life (1 for the first)
 * @param scheduleAttempt the number of this attempt in the current retry schedule (a redelivery restarts it)
 * @param createdAt       when the story was matched to the subscription
 * @param article         the story
 */
public record DueDelivery(
        UUID id,
        UUID subscriptionId,
        UUID subscriberId,
        String name,
        String owner,
        String channelType,
        String channelTarget,
        List<String> topics,
        int attempt,
        int scheduleAttempt,
        Instant createdAt,
        ArticleClassified article) {

    /** The key the per-endpoint concurrency limit counts by: the webhook URL or the mailbox. */
    public String endpoint() {
        return channelTarget;
    }
}
