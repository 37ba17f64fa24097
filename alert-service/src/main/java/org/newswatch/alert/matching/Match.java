package org.newswatch.alert.matching;

import java.util.List;

/**
 * Why an article matches a subscription.
 *
 * @param topics   the subscription's topics flagged in the article with at least its minimum score
 * @param keywords the keywords found (for mode {@code any}, the first one found), empty without keywords
 */
public record Match(List<TopicHit> topics, List<String> keywords) {

    public record TopicHit(String topic, double score) {
    }
}
