package org.newswatch.alert.matching;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.newswatch.contracts.ArticleClassified;
import org.newswatch.contracts.ArticleCollected;
import org.newswatch.contracts.Classification;
import org.newswatch.contracts.Evidence;
import org.newswatch.contracts.TopicScore;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The news stories of {@code fixtures/stories.json}, turned into classified events with chosen scores. */
public final class Stories {

    public static final String ICC = "icc-sanctions";
    public static final String JUDICIAL = "judicial-independence";
    /** Scores at or above this are flagged, as the classifier's default threshold. */
    public static final double THRESHOLD = 0.5;

    public record Story(String title, String summary, String content, String language, String source, String feedId,
            String url) {
    }

    private static final List<Story> ALL = load();

    private Stories() {
    }

    private static List<Story> load() {
        try (InputStream in = Stories.class.getResourceAsStream("/fixtures/stories.json")) {
            return new ObjectMapper().readValue(in, new TypeReference<List<Story>>() {
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot read fixtures/stories.json", e);
        }
    }

    public static List<Story> all() {
        return ALL;
    }

    /**
     * A classified event for {@code story} under id {@code articleId}; every known topic is listed, flagged
     * when its score reaches {@link #THRESHOLD}.
     */
    public static ArticleClassified classified(Story story, String articleId, double iccScore, double judicialScore,
            Instant classifiedAt) {
        List<TopicScore> topics = new ArrayList<>();
        for (Map.Entry<String, Double> score : Map.of(ICC, iccScore, JUDICIAL, judicialScore).entrySet()) {
            boolean flagged = score.getValue() >= THRESHOLD;
            topics.add(new TopicScore(score.getKey(), score.getValue(), flagged, flagged
                    ? List.of(new Evidence("title", 0, Math.min(10, story.title().length()),
                            story.title().substring(0, Math.min(10, story.title().length())), "test-rule"))
                    : List.of()));
        }
        topics.sort((a, b) -> a.topic().compareTo(b.topic()));
        Instant published = classifiedAt.minusSeconds(600);
        ArticleCollected article = new ArticleCollected(articleId, story.feedId(), "https://feeds.example.org/"
                + story.feedId() + ".xml", story.source(), story.url(), story.url(), null, story.title(),
                story.summary(), story.content(), story.language(), null, List.of(), published, null,
                classifiedAt.minusSeconds(5));
        return new ArticleClassified(article, Classification.of(story.language(), "test-1", topics), classifiedAt);
    }
}
