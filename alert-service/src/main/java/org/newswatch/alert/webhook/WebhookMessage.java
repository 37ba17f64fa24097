package org.newswatch.alert.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.newswatch.contracts.ArticleClassified;
import org.newswatch.contracts.ArticleCollected;
import org.newswatch.contracts.EventJson;
import org.newswatch.contracts.TopicScore;

/**
 * The body of an {@code article.flagged} webhook, as ARCHITECTURE.md fixes it. The same delivery always gets
 * the same body, so every retry of a message carries identical, identically signed content.
 *
 * @param type      always {@code article.flagged}
 * @param timestamp when the story was matched to the subscription (the event's time, not the attempt's)
 * @param data      the story and why it was flagged
 */
public record WebhookMessage(String type, Instant timestamp, Data data) {

    public static final String TYPE = "article.flagged";

    /** The story; {@code topics} holds the flagged topics only, each with its score and evidence. */
    public record Data(
            String articleId,
            String title,
            String url,
            String source,
            String language,
            Instant publishedAt,
            String summary,
            Instant collectedAt,
            Instant classifiedAt,
            List<TopicScore> topics,
            String link) {
    }

    public static WebhookMessage of(ArticleClassified classified, Instant matchedAt, String link) {
        ArticleCollected article = classified.article();
        List<TopicScore> flagged = classified.classification().topics().stream().filter(TopicScore::flagged).toList();
        return new WebhookMessage(TYPE, matchedAt, new Data(
                article.id(),
                article.title(),
                // The canonical URL: what the story is, without the feed's tracking parameters.
                article.canonicalUrl() != null ? article.canonicalUrl() : article.url(),
                article.source(),
                classified.classification().language(),
                article.publishedAt(),
                article.summary(),
                article.collectedAt(),
                classified.classifiedAt(),
                flagged,
                link));
    }

    /** The JSON body, exactly as signed and sent. */
    public String toJson() {
        return new String(EventJson.write(this), StandardCharsets.UTF_8);
    }
}
