package org.newswatch.alert.subscription;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A subscription as the API shows it. {@code secret} is present only in the answer that created the
 * subscription; {@code digest} only for digests; {@code disabledReason} only when disabled.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubscriptionView(
        UUID id,
        String owner,
        String name,
        List<String> topics,
        List<String> keywords,
        String keywordsMode,
        double minScore,
        List<String> languages,
        List<String> sources,
        ChannelView channel,
        String mode,
        DigestView digest,
        String status,
        String disabledReason,
        Instant createdAt,
        Instant updatedAt,
        String secret) {

    /**
     * @param confirmed    for e-mail: whether the address confirmed (nothing is sent before)
     * @param unsubscribed for e-mail: whether the address unsubscribed
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChannelView(String type, String url, String address, Boolean confirmed, Boolean unsubscribed) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DigestView(String frequency, Integer hour, String timeZone) {
    }

    public static SubscriptionView of(Subscription s) {
        return of(s, null);
    }

    /** With the plain webhook secret: only for the answers of create. */
    public static SubscriptionView of(Subscription s, String secret) {
        ChannelView channel = s.channel() instanceof Channel.Email email
                ? new ChannelView(Channel.Email.TYPE, null, email.address(), email.confirmedAt() != null,
                        email.unsubscribedAt() != null)
                : new ChannelView(Channel.Webhook.TYPE, s.channel().target(), null, null, null);
        DigestView digest = s.digest() == null ? null
                : new DigestView(s.digest().frequency().value(), s.digest().hour(), s.digest().timeZone().getId());
        return new SubscriptionView(s.id(), s.owner(), s.name(), s.topics(), s.keywords(), s.keywordMode().value(),
                s.minScore(), s.languages(), s.sources(), channel, s.mode().value(), digest, s.status().value(),
                s.disabledReason(), s.createdAt(), s.updatedAt(), secret);
    }
}
