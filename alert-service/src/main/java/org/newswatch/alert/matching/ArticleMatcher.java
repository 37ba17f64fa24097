package org.newswatch.alert.matching;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.newswatch.alert.DataAccessException;
import org.newswatch.alert.article.ArticleRepository;
import org.newswatch.alert.config.AlertConfig;
import org.newswatch.alert.matching.DeliveryRecorder.NewDelivery;
import org.newswatch.alert.matching.MatchCandidates.Candidate;
import org.newswatch.contracts.ArticleClassified;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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
    private final DataSource dataSource;
    private final long lockTimeoutMillis;
    // Where the time of one article goes: the candidate query, the filters in Java, storing.
    private final Timer storeTimer;
    private final Timer candidatesTimer;
    private final Timer filterTimer;
    private final Timer recordTimer;
    private final Counter recordedCounter;

    public ArticleMatcher(ArticleRepository articles, MatchCandidates candidates, DeliveryRecorder deliveries,
            MeterRegistry registry, DataSource dataSource, AlertConfig config) {
        this.dataSource = dataSource;
        this.lockTimeoutMillis = config.matchingLockTimeout().toMillis();
        this.articles = articles;
        this.candidates = candidates;
        this.deliveries = deliveries;
        this.storeTimer = phase(registry, "store-article");
        this.candidatesTimer = phase(registry, "candidates");
        this.filterTimer = phase(registry, "filter");
        this.recordTimer = phase(registry, "record-deliveries");
        this.recordedCounter = Counter.builder("newswatch.alert.deliveries.recorded")
                .description("Deliveries recorded by matching").register(registry);
    }

    private static Timer phase(MeterRegistry registry, String phase) {
        return Timer.builder("newswatch.alert.matching").tag("phase", phase)
                .description("Time matching spends per article in each phase").register(registry);
    }

    @Transactional
    public Outcome record(ArticleClassified event) {
        limitLockWaits();
        storeTimer.record(() -> articles.upsert(event));
        if (!event.classification().flagged()) {
            return new Outcome(0, 0, 0);
        }
        List<Candidate> found = candidatesTimer.record(() -> candidates.of(event));
        List<NewDelivery> matched = filterTimer.record(() -> filter(event, found));
        int recorded = recordTimer.record(() -> deliveries.record(event.article().id(), matched));
        recordedCounter.increment(recorded);
        return new Outcome(found.size(), matched.size(), recorded);
    }

    /** A lock held too long fails this transaction (SQLSTATE 55P03), which is retried, instead of hanging it. */
    private void limitLockWaits() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL lock_timeout = " + lockTimeoutMillis);
        } catch (SQLException e) {
            throw new DataAccessException("cannot set the lock timeout of matching", e);
        }
    }

    private List<NewDelivery> filter(ArticleClassified event, List<Candidate> found) {
        MatchableArticle article = new MatchableArticle(event);
        Instant now = clock.instant();
        List<NewDelivery> matched = new ArrayList<>();
        for (Candidate candidate : found) {
            if (candidate.filter().test(article).isPresent()) {
                matched.add(new NewDelivery(candidate.id(), candidate.channelType(),
                        candidate.digest() == null ? null : candidate.digest().nextSendAfter(now)));
            }
        }
        // One order for every transaction, so that two recording the same article never deadlock.
        matched.sort(java.util.Comparator.comparing(NewDelivery::subscriptionId));
        return matched;
    }
}
