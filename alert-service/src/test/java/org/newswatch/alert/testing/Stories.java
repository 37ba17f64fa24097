package org.newswatch.alert.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.newswatch.contracts.ArticleClassified;
import org.newswatch.contracts.ArticleCollected;
import org.newswatch.contracts.Classification;
import org.newswatch.contracts.Evidence;
import org.newswatch.contracts.TopicScore;

/** Classified stories for the delivery tests, each with a fresh id unless one is given. */
public final class Stories {

    public static final String ICC = "icc-sanctions";
    public static final String JUDICIAL = "judicial-independence";

    private Stories() {
    }

    /** A story flagged for ICC sanctions, with evidence in the title and in the summary. */
    public static ArticleClassified iccSanctions(String id) {
        return story(id, "Washington sanctions ICC prosecutor", "The United States froze the assets of the"
                + " International Criminal Court's chief prosecutor on Thursday, a move condemned by human-rights groups.",
                "2026-11-20T08:16:30.456Z",
                new Score(ICC, 0.97, "title", "sanctions ICC prosecutor", "sanction-near-court"),
                new Score(ICC, 0.97, "summary", "International Criminal Court", "court-name"));
    }

    /** A story flagged for both topics. */
    public static ArticleClassified bothTopics(String id) {
        return story(id, "Judges dismissed as ICC sanctions bite", "The government removed three supreme court judges"
                + " while sanctions on the ICC took effect.", "2026-11-20T09:02:00Z",
                new Score(ICC, 0.81, "title", "ICC sanctions", "sanction-near-court"),
                new Score(JUDICIAL, 0.88, "summary", "removed three supreme court judges", "judges-removed"));
    }

    /** A story flagged for judicial independence only. */
    public static ArticleClassified judicialIndependence(String id) {
        return story(id, "Parliament votes to pack the constitutional court",
                "A new law lets the ruling party appoint six more judges.", "2026-11-20T09:30:00Z",
                new Score(JUDICIAL, 0.92, "title", "pack the constitutional court", "court-packing"));
    }

    /** One piece of evidence for a flagged topic. */
    private record Score(String topic, double score, String field, String match, String rule) {
    }

    /** A story whose topics are flagged with the evidence given, every other known topic scored low. */
    private static ArticleClassified story(String id, String title, String summary, String classifiedAt,
            Score... evidence) {
        List<TopicScore> topics = new ArrayList<>();
        for (String topic : List.of(ICC, JUDICIAL)) {
            List<Score> mine = Arrays.stream(evidence).filter(e -> e.topic().equals(topic)).toList();
            topics.add(mine.isEmpty() ? new TopicScore(topic, 0.05, false, List.of())
                    : new TopicScore(topic, mine.get(0).score(), true, mine.stream()
                            .map(e -> span(e.field(), e.field().equals("title") ? title : summary, e.match(), e.rule()))
                            .toList()));
        }
        return new ArticleClassified(article(id, title, summary), Classification.of("en", "rules-1.0.0", topics),
                Instant.parse(classifiedAt));
    }

    private static Evidence span(String field, String text, String match, String rule) {
        int start = text.indexOf(match);
        return new Evidence(field, start, start + match.length(), match, rule);
    }

    public static String newId() {
        return "test-" + UUID.randomUUID();
    }

    private static ArticleCollected article(String id, String title, String summary) {
        return new ArticleCollected(id, "feed-1", "https://news.example.org/rss", "Example News",
                "https://news.example.org/" + id + "?utm_source=rss", "https://news.example.org/" + id,
                "urn:example:" + id, title, summary, "Full text. " + summary, "en", "A. Reporter",
                List.of("world"), Instant.parse("2026-11-20T08:15:00Z"), null,
                Instant.parse("2026-11-20T08:16:00.123Z"));
    }
}
