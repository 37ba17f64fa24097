package org.newswatch.contracts;

import java.time.Instant;
import java.util.List;

/** Sample events for the contract tests. */
final class Events {

    private Events() {
    }

    static ArticleCollected collected() {
        return new ArticleCollected(
                "a1b2c3", "feed-1", "https://news.example.org/rss", "Example News",
                "https://news.example.org/story?utm_source=rss", "https://news.example.org/story",
                "urn:example:42",
                "Washington sanctions ICC prosecutor",
                "The United States froze the assets of the court's chief prosecutor.",
                "Full text of the story, « avec des accents » and emoji 🌍.",
                "en", "A. Reporter", List.of("world", "justice"),
                Instant.parse("2026-11-20T08:15:00Z"), null, Instant.parse("2026-11-20T08:16:30.123Z"));
    }

    static ArticleClassified classified() {
        var evidence = new Evidence("title", 11, 36, "sanctions ICC prosecutor", "sanction-near-court");
        var flagged = new TopicScore("icc-sanctions", 0.97, true, List.of(evidence));
        var other = new TopicScore("judicial-independence", 0.12, false, List.of());
        return new ArticleClassified(collected(), Classification.of("en", "rules-1.0.0", List.of(flagged, other)),
                Instant.parse("2026-11-20T08:16:30.456Z"));
    }
}
