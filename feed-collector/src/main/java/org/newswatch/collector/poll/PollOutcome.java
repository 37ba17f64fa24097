package org.newswatch.collector.poll;

import java.util.UUID;

/**
 * How one poll of one feed ended.
 *
 * @param result    what happened
 * @param stage     where it failed ({@code fetch}, {@code parse}, {@code publish}), null on success
 * @param errorKind the failure's kind (a {@code FetchErrorKind}, {@code FeedErrorKind} or publish kind), or null
 * @param message   the failure in words for a feed admin, or null
 * @param published articles published by this poll
 */
public record PollOutcome(UUID feedId, Result result, String stage, String errorKind, String message, int published) {

    /** The outcome of a poll, as counted in the metrics. */
    public enum Result {
        NEW_ITEMS, NO_NEW_ITEMS, NOT_MODIFIED, FAILED, LEASE_LOST;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static PollOutcome success(UUID feedId, Result result, int published) {
        return new PollOutcome(feedId, result, null, null, null, published);
    }

    static PollOutcome failure(UUID feedId, String stage, String kind, String message, int published) {
        return new PollOutcome(feedId, Result.FAILED, stage, kind, message, published);
    }
}
