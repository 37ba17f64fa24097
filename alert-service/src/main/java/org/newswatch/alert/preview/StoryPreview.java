package org.newswatch.alert.preview;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.newswatch.alert.article.ArticleRepository;
import org.newswatch.alert.matching.MatchableArticle;
import org.newswatch.alert.matching.Match;
import org.newswatch.alert.matching.SubscriptionFilter;
import org.newswatch.contracts.ArticleClassified;
import org.newswatch.contracts.ArticleCollected;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which stored stories of the last days a subscription would have matched, tested with the same
 * {@link SubscriptionFilter} as live matching. Ignores the subscription's status and the confirmation of its
 * address: a preview is about content.
 */
@ApplicationScoped
public class StoryPreview {

    /** The answer of a preview: how many stories were looked at, how many matched, and the newest matches. */
    public record Result(int days, Instant since, int scanned, int matched, List<Story> items) {
    }

    /** A matching story and why it matches. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Story(String articleId, String title, String url, String source, String language,
            Instant publishedAt, Instant classifiedAt, List<Match.TopicHit> topics, List<String> keywords) {
    }

    private final ArticleRepository articles;
    private final Clock clock = Clock.systemUTC();

    public StoryPreview(ArticleRepository articles) {
        this.articles = articles;
    }

    /**
     * @param topics the subscription's topics (the stored stories are narrowed by them first)
     * @param limit  how many matching stories to list at most; {@code matched} counts them all
     */
    public Result preview(SubscriptionFilter filter, List<String> topics, int days, int limit) {
        Instant since = clock.instant().minus(Duration.ofDays(days));
        List<ArticleClassified> stored = articles.flaggedSince(since, topics);
        List<Story> items = new ArrayList<>();
        int matched = 0;
        for (ArticleClassified event : stored) {
            Optional<Match> match = filter.test(new MatchableArticle(event));
            if (match.isEmpty()) {
                continue;
            }
            matched++;
            if (items.size() < limit) {
                ArticleCollected a = event.article();
                items.add(new Story(a.id(), a.title(), a.url(), a.source(), event.classification().language(),
                        a.publishedAt(), event.classifiedAt(), match.get().topics(), match.get().keywords()));
            }
        }
        return new Result(days, since, stored.size(), matched, items);
    }
}
