package org.newswatch.classifier.topic;

import java.util.List;

/**
 * A context that makes the topic unlikely, e.g. cricket for "ICC … sanctions".
 *
 * @param id     named in the evidence
 * @param groups the context is present when any of these groups matches anywhere in the article
 * @param factor the score is multiplied by it; 0 vetoes the topic
 * @param unless groups whose presence anywhere in the article cancels this context
 */
public record NegativeContext(String id, List<String> groups, double factor, List<String> unless) {

    public NegativeContext {
        groups = List.copyOf(groups);
        unless = List.copyOf(unless);
    }
}
