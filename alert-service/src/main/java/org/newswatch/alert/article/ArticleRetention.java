package org.newswatch.alert.article;

import java.time.Clock;
import java.time.Instant;

import org.jboss.logging.Logger;
import org.newswatch.alert.config.AlertConfig;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Deletes stored articles older than {@code newswatch.alert.article-retention}, in small batches. */
@ApplicationScoped
public class ArticleRetention {

    private static final Logger LOG = Logger.getLogger(ArticleRetention.class);
    private static final int BATCH = 1_000;

    private final ArticleRepository articles;
    private final AlertConfig config;
    private final Clock clock = Clock.systemUTC();

    public ArticleRetention(ArticleRepository articles, AlertConfig config) {
        this.articles = articles;
        this.config = config;
    }

    @Scheduled(every = "${newswatch.alert.article-retention-check:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deleteExpired() {
        Instant cutoff = clock.instant().minus(config.articleRetention());
        int deleted = 0;
        int batch;
        // Each batch commits on its own, so a large backlog never holds one long transaction.
        do {
            batch = articles.deleteClassifiedBefore(cutoff, BATCH);
            deleted += batch;
        } while (batch == BATCH);
        if (deleted > 0) {
            LOG.infof("deleted %d articles classified before %s", deleted, cutoff);
        }
    }
}
