package org.newswatch.alert.matching;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.newswatch.alert.article.ArticleRepository;
import org.newswatch.alert.matching.DeliveryRecorder.NewDelivery;
import org.newswatch.alert.matching.MatchCandidates.Candidate;
import org.newswatch.contracts.ArticleClassified;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Stores a classified article and records a delivery for every subscription it matches, in one
 * transaction: either the article and all its deliveries are durable, or nothing is.
 */
@ApplicationScoped
public class ArticleMatcher {

    /** What recording one article did. */
    public record Outcome(int candidates, int matched, int recorded) {
    }

    private final ArticleRepository articles;
    private final MatchCandidates candidates;
    private final DeliveryRecorder deliveries;
    private final Clock clock = Clock.systemUTC();

    public ArticleMatcher(ArticleRepository articles, MatchCandidates candidates, DeliveryRecorder deliveries) {
        this.articles = articles;
        this.candidates = candidates;
        this.deliveries = deliveries;
    }

    @Transactional
    public Outcome record(ArticleClassified event) {
        articles.upsert(event);
        if (!event.classification().flagged()) {
            return new Outcome(0, 0, 0);
        }
        List<Candidate> found = candidates.of(event);
        MatchableArticle article = new MatchableArticle(event);
        Instant now = clock.instant();
        List<NewDelivery> matched = new ArrayList<>();
        for (Candidate candidate : found) {
            if (candidate.filter().test(article).isPresent()) {
                matched.add(new NewDelivery(candidate.id(), candidate.channelType(),
                        candidate.digest() == null ? null : candidate.digest().nextSendAfter(now)));
            }
        }
        int recorded = deliveries.record(event.article().id(), matched);
        return new Outcome(found.size(), matched.size(), recorded);
    }
}
