package org.newswatch.collector.feed;

/** Feeds became due at once (added, re-enabled, asked to poll now): the scheduler looks without waiting a tick. */
public record FeedsDue(int count) {
}
