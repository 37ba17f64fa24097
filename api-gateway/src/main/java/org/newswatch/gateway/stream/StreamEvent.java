package org.newswatch.gateway.stream;

import java.util.Set;

/**
 * One event of the stream, serialized once for every client.
 *
 * @param seq           the SSE id: the article's number in the stream, in commit order
 * @param flaggedTopics the topics the article is flagged for, for clients that filter by topic
 * @param json          the article as JSON, the event's data
 */
public record StreamEvent(long seq, Set<String> flaggedTopics, String json) {

    /** Sent to a client once it is registered: everything flagged from now on reaches it. */
    public static final StreamEvent OPENED = new StreamEvent(0, Set.of(), null);

    /** Sent before a replay that had to leave out older missed events. */
    public static final StreamEvent TRUNCATED = new StreamEvent(0, Set.of(), null);

    boolean isFor(Set<String> topics) {
        return topics.isEmpty() || flaggedTopics.stream().anyMatch(topics::contains);
    }
}
