package org.newswatch.classifier.topic;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One topic as an analyst wrote it in its file, validated.
 *
 * @param id          stable identifier, e.g. {@code icc-sanctions}; also the file's name without extension
 * @param description what the topic covers, shown by {@code GET /api/v1/topics}
 * @param threshold   a score at or above it flags the topic
 * @param groups      named term groups the rules refer to
 * @param rules       what makes the score
 * @param negatives   contexts that veto or lower the score
 * @param examples    texts that must (not) flag, checked by the test suite
 * @param source      where the definition was read from, for error messages and the version hash
 */
public record TopicDefinition(String id, String description, double threshold, List<TermGroup> groups,
        List<Rule> rules, List<NegativeContext> negatives, Examples examples, String source) {

    public TopicDefinition {
        groups = List.copyOf(groups);
        rules = List.copyOf(rules);
        negatives = List.copyOf(negatives);
    }

    /** The languages the topic has terms for, {@code any} (language-neutral names and acronyms) excluded. */
    public Set<String> languages() {
        Set<String> languages = new TreeSet<>();
        for (TermGroup group : groups) {
            languages.addAll(group.terms().keySet());
        }
        languages.remove(TermGroup.ANY_LANGUAGE);
        return languages;
    }

    /** Texts an analyst expects to flag ({@code positive}) or not ({@code negative}). */
    public record Examples(List<String> positive, List<String> negative) {
        public Examples {
            positive = List.copyOf(positive);
            negative = List.copyOf(negative);
        }
    }
}
