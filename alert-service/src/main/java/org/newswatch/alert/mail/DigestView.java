package org.newswatch.alert.mail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A digest as the mail templates show it: the stories grouped by topic, a story flagged for two watched
 * topics appearing under each, with the evidence for that topic.
 *
 * @param period     the span the digest covers, in the subscriber's time zone
 * @param storyCount distinct stories in the digest
 */
public record DigestView(String subscriptionName, String period, int storyCount, List<TopicGroup> topics,
        String unsubscribeUrl) {

    /** The stories of one topic, in the order they were matched. */
    public record TopicGroup(String topic, List<StoryView> stories) {
    }

    /**
     * Groups stories by the topics they are shown for; groups come in the order of {@code watchedTopics}, then
     * any other topic in the order first seen.
     */
    public static DigestView of(String subscriptionName, String period, List<StoryView> stories,
            List<String> watchedTopics, String unsubscribeUrl) {
        Map<String, List<StoryView>> byTopic = new LinkedHashMap<>();
        for (String topic : watchedTopics) {
            byTopic.put(topic, new ArrayList<>());
        }
        for (StoryView story : stories) {
            for (String topic : story.topicIds()) {
                byTopic.computeIfAbsent(topic, key -> new ArrayList<>()).add(story);
            }
        }
        List<TopicGroup> groups = byTopic.entrySet().stream()
                .filter(entry -> !entry.getValue().isEmpty())
                .map(entry -> new TopicGroup(entry.getKey(), List.copyOf(entry.getValue())))
                .toList();
        return new DigestView(subscriptionName, period, stories.size(), groups, unsubscribeUrl);
    }
}
