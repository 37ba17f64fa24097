package org.newswatch.alert.mail;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.newswatch.contracts.ArticleClassified;
import org.newswatch.contracts.ArticleCollected;
import org.newswatch.contracts.Evidence;
import org.newswatch.contracts.TopicScore;

/**
 * A story as the mail templates show it: what it is, and why it was flagged, each piece of evidence with the
 * matched text highlighted in its context.
 *
 * @param url    the story's own link, only when it is http(s) (a feed could carry anything)
 * @param link   the story on newswatch
 * @param topics the flagged topics the subscription watches (all flagged topics when it watches none of them)
 */
public record StoryView(String title, String url, String source, String publishedAt, String summary, String link,
        List<TopicView> topics) {

    /** One flagged topic with its score and evidence. */
    public record TopicView(String topic, String score, List<EvidenceView> evidence) {
    }

    /** One matched span: the text before it, the match, the text after it, in the field it was found in. */
    public record EvidenceView(String field, String before, String match, String after, String rule) {
    }

    /** Characters of context shown on each side of a match. */
    static final int CONTEXT = 60;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm z", Locale.ENGLISH);

    public static StoryView of(ArticleClassified classified, List<String> watchedTopics, ZoneId zone, String link) {
        ArticleCollected article = classified.article();
        List<TopicScore> flagged = classified.classification().topics().stream().filter(TopicScore::flagged).toList();
        List<TopicScore> shown = flagged.stream().filter(topic -> watchedTopics.contains(topic.topic())).toList();
        List<TopicView> topics = new ArrayList<>();
        for (TopicScore topic : shown.isEmpty() ? flagged : shown) {
            topics.add(new TopicView(topic.topic(), String.format(Locale.ROOT, "%.2f", topic.score()),
                    topic.evidence().stream().map(evidence -> evidence(article, evidence)).toList()));
        }
        // Readers get the story's address without the feed's tracking parameters.
        String url = article.canonicalUrl() != null ? article.canonicalUrl() : article.url();
        return new StoryView(article.title().isBlank() ? "(untitled story)" : article.title(), httpOnly(url),
                article.source() == null ? "" : article.source(), DATE.format(article.publishedAt().atZone(zone)),
                article.summary(), link, List.copyOf(topics));
    }

    /** The flagged topic ids shown for this story. */
    public List<String> topicIds() {
        return topics.stream().map(TopicView::topic).toList();
    }

    static EvidenceView evidence(ArticleCollected article, Evidence evidence) {
        String text = switch (evidence.field()) {
            case "title" -> article.title();
            case "summary" -> article.summary();
            case "content" -> article.content();
            default -> null;
        };
        if (text == null || evidence.end() > text.length()) {
            // The offsets do not fit the text we have: show the matched text alone rather than a wrong cut.
            return new EvidenceView(evidence.field(), "", evidence.text(), "", evidence.rule());
        }
        int from = Math.max(0, evidence.start() - CONTEXT);
        int to = Math.min(text.length(), evidence.end() + CONTEXT);
        String before = (from > 0 ? "…" : "") + text.substring(from, evidence.start());
        String after = text.substring(evidence.end(), to) + (to < text.length() ? "…" : "");
        return new EvidenceView(evidence.field(), before, text.substring(evidence.start(), evidence.end()), after,
                evidence.rule());
    }

    private static String httpOnly(String url) {
        if (url == null) {
            return null;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") ? url : null;
    }

    static String formatTime(Instant instant, ZoneId zone) {
        return DATE.format(instant.atZone(zone));
    }
}
