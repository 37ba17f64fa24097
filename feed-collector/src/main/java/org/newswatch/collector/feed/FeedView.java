package org.newswatch.collector.feed;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A feed as the API shows it: its settings and its health. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeedView(UUID id, String url, String title, String siteUrl, String format, boolean enabled,
        String disabledReason, int pollIntervalSeconds, int effectivePollIntervalSeconds, Health health,
        Instant createdAt, Instant updatedAt) {

    /**
     * How the feed is doing. {@code status}: {@code pending} (never polled), {@code ok}, {@code failing}
     * (consecutive failures), {@code disabled}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Health(String status, Instant lastPolledAt, Instant lastSuccessAt, LastError lastError,
            int consecutiveFailures, Integer lastHttpStatus, long itemsSeen, Instant nextPollAt) {
    }

    /** The last failure: where ({@code fetch}, {@code parse}, {@code publish}), its kind and what happened. */
    public record LastError(String stage, String kind, String message, Instant at) {
    }

    public static FeedView of(Feed feed) {
        String status = !feed.enabled() ? "disabled"
                : feed.consecutiveFailures() > 0 ? "failing"
                : feed.lastPolledAt() == null ? "pending" : "ok";
        LastError lastError = feed.lastErrorKind() == null ? null
                : new LastError(feed.lastErrorStage(), feed.lastErrorKind(), feed.lastErrorMessage(), feed.lastErrorAt());
        return new FeedView(feed.id(), feed.url(), feed.title(), feed.siteUrl(), feed.format(), feed.enabled(),
                feed.disabledReason(), feed.pollIntervalSeconds(), feed.currentIntervalSeconds(),
                new Health(status, feed.lastPolledAt(), feed.lastSuccessAt(), lastError, feed.consecutiveFailures(),
                        feed.lastHttpStatus(), feed.itemsSeen(), feed.enabled() ? feed.nextPollAt() : null),
                feed.createdAt(), feed.updatedAt());
    }
}
