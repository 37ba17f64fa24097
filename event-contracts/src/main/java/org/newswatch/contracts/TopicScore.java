package org.newswatch.contracts;

import java.util.List;

/**
 * How strongly an article is about one topic.
 *
 * @param topic    the topic's id, e.g. {@code icc-sanctions}
 * @param score    in [0, 1]
 * @param flagged  whether the score reached the topic's threshold
 * @param evidence the spans that made the score; non-empty whenever the topic is flagged
 */
public record TopicScore(String topic, double score, boolean flagged, List<Evidence> evidence) {

    public TopicScore {
        Checks.requireText(topic, "topic");
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new IllegalArgumentException("score of topic " + topic + " is " + score + ", not in [0, 1]");
        }
        evidence = Checks.immutable(evidence, "evidence of topic " + topic);
    }
}
