package org.newswatch.alert.subscription;

import java.util.List;
import java.util.UUID;

/**
 * A validated subscription about to be stored, or the new state of a stored one. The id is chosen before
 * the insert because the encrypted webhook secret is bound to it.
 */
public record NewSubscription(
        UUID id,
        String owner,
        String name,
        List<String> topics,
        List<String> keywords,
        KeywordMode keywordMode,
        double minScore,
        List<String> languages,
        List<String> sources,
        String channelType,
        String channelTarget,
        DeliveryMode mode,
        Digest digest) {

    public NewSubscription {
        topics = List.copyOf(topics);
        keywords = List.copyOf(keywords);
        languages = List.copyOf(languages);
        sources = List.copyOf(sources);
    }
}
