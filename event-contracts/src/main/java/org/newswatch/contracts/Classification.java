package org.newswatch.contracts;

import java.util.List;

/**
 * The classifier's verdict on one text: the answer of {@code POST /api/v1/classify} and part of
 * {@link ArticleClassified}.
 *
 * @param language          the detected language (ISO 639-1), or {@code und} when it could not be told
 * @param classifierVersion the version of the classifier and its topic definitions that produced this
 * @param flagged           whether any topic is flagged
 * @param topics            every known topic, flagged or not
 */
public record Classification(String language, String classifierVersion, boolean flagged, List<TopicScore> topics) {

    public Classification {
        Checks.requireText(language, "language");
        Checks.requireText(classifierVersion, "classifierVersion");
        topics = Checks.immutable(topics, "topics");
        boolean anyTopicFlagged = topics.stream().anyMatch(TopicScore::flagged);
        if (flagged != anyTopicFlagged) {
            throw new IllegalArgumentException("flagged is " + flagged + " but " + (anyTopicFlagged ? "a" : "no")
                    + " topic is flagged");
        }
    }

    /** A classification whose {@code flagged} is derived from its topics. */
    public static Classification of(String language, String classifierVersion, List<TopicScore> topics) {
        return new Classification(language, classifierVersion,
                topics.stream().anyMatch(TopicScore::flagged), topics);
    }
}
