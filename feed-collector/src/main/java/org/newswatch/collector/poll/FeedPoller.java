package org.newswatch.collector.poll;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.jboss.logging.Logger;
import org.newswatch.collector.feed.Feed;
import org.newswatch.collector.feed.PollingConfig;
import org.newswatch.collector.fetch.FeedFetcher;
import org.newswatch.collector.fetch.FetchErrorKind;
import org.newswatch.collector.fetch.FetchException;
import org.newswatch.collector.fetch.FetchRequest;
import org.newswatch.collector.fetch.FetchResponse;
import org.newswatch.collector.parse.FeedDocument;
import org.newswatch.collector.parse.FeedParseException;
import org.newswatch.collector.parse.FeedReader;
import org.newswatch.collector.parse.FeedReading;
import org.newswatch.collector.parse.FeedSource;
import org.newswatch.collector.publish.SeenItems;
import org.newswatch.contracts.ArticleCollected;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * One poll of one leased feed, the whole pipeline in one place: fetch → parse → publish what is new → record
 * health and the next poll time. Every failure becomes the feed's error (stage, kind, message) and a later poll;
 * nothing here throws, so one broken feed never stops the others.
 */
@ApplicationScoped
public class FeedPoller {

    public static final String STAGE_FETCH = "fetch";
    public static final String STAGE_PARSE = "parse";
    public static final String STAGE_PUBLISH = "publish";
    /** The broker did not acknowledge every new article; the unacknowledged ones are retried next poll. */
    public static final String PUBLISH_FAILED = "PUBLISH_FAILED";
    /** The collector's own database failed while deduplicating. */
    public static final String DATABASE = "DATABASE";

    private static final Logger LOG = Logger.getLogger(FeedPoller.class);

    private final FeedFetcher fetcher;
    private final FeedReader reader;
    private final SeenItems seenItems;
    private final FeedLeases leases;
    private final PollIntervals intervals;
    private final PollMetrics metrics;

    @Inject
    public FeedPoller(FeedFetcher fetcher, FeedReader reader, SeenItems seenItems, FeedLeases leases,
            PollingConfig polling, PollMetrics metrics) {
        this(fetcher, reader, seenItems, leases, new PollIntervals(polling, () -> ThreadLocalRandom.current()
                .nextDouble()), metrics);
    }

    public FeedPoller(FeedFetcher fetcher, FeedReader reader, SeenItems seenItems, FeedLeases leases,
            PollIntervals intervals, PollMetrics metrics) {
        this.fetcher = fetcher;
        this.reader = reader;
        this.seenItems = seenItems;
        this.leases = leases;
        this.intervals = intervals;
        this.metrics = metrics;
    }

    /** Polls a feed leased to {@code owner} and releases the lease with the outcome. */
    public PollOutcome poll(Feed feed, String owner) {
        PollOutcome outcome;
        try {
            outcome = pollLeased(feed, owner);
        } catch (RuntimeException e) {
            // The registry's database failing while we record: the lease expires and the feed comes back.
            LOG.errorf(e, "poll of feed %s (%s) could not be recorded", feed.id(), feed.url());
            outcome = PollOutcome.failure(feed.id(), STAGE_PUBLISH, DATABASE, e.getMessage(), 0);
        }
        metrics.polled(outcome);
        return outcome;
    }

    private PollOutcome pollLeased(Feed feed, String owner) {
        Duration current = Duration.ofSeconds(feed.currentIntervalSeconds());
        long started = System.nanoTime();
        FetchResponse response;
        try {
            response = fetcher.fetch(new FetchRequest(feed.url(), feed.etag(), feed.lastModified()));
        } catch (FetchException e) {
            metrics.fetched(Duration.ofNanos(System.nanoTime() - started));
            return fail(feed, owner, STAGE_FETCH, e.kind().name(), e.getMessage(), e.status(), e.retryAfter(),
                    e.kind() == FetchErrorKind.GONE, 0);
        }
        metrics.fetched(Duration.ofNanos(System.nanoTime() - started));
        Instant now = Instant.now();

        if (response.notModified()) {
            Duration interval = intervals.afterNotModified(current, response.freshFor());
            return record(feed, owner, new FeedLeases.Success(304, response.etag(), response.lastModified(),
                    response.permanentUrl(), null, null, null, interval, intervals.next(now, interval)),
                    PollOutcome.success(feed.id(), PollOutcome.Result.NOT_MODIFIED, 0));
        }

        FeedReading reading;
        long parseStarted = System.nanoTime();
        try {
            reading = reader.read(new FeedDocument(response.body(), response.contentType(), response.finalUrl()),
                    new FeedSource(feed.id().toString(), feed.url(), feed.title()), now);
        } catch (FeedParseException e) {
            return fail(feed, owner, STAGE_PARSE, e.kind().name(), e.getMessage(), response.status(), null, false, 0);
        } finally {
            metrics.parsed(Duration.ofNanos(System.nanoTime() - parseStarted));
        }

        long publishStarted = System.nanoTime();
        SeenItems.Outcome published;
        try {
            published = seenItems.publishUnseen(feed.id(), reading.articles());
        } catch (SQLException e) {
            return fail(feed, owner, STAGE_PUBLISH, DATABASE, "the collector's database failed while deduplicating: "
                    + e.getMessage(), response.status(), null, false, 0);
        } finally {
            metrics.publishedIn(Duration.ofNanos(System.nanoTime() - publishStarted));
        }
        int count = published.published().size();
        if (published.failed()) {
            // The validators are not stored: the next poll must read the body again to retry the rest.
            return fail(feed, owner, STAGE_PUBLISH, PUBLISH_FAILED, "the broker did not acknowledge the new articles ("
                    + count + " of " + (count + unacknowledged(published)) + " published; the rest are retried next"
                    + " poll): " + published.failure().getMessage(), response.status(), null, false, count);
        }

        Duration interval = intervals.afterRead(Duration.ofSeconds(feed.pollIntervalSeconds()),
                realDates(reading.articles()), now, reading.feed().suggestedInterval(), response.freshFor());
        return record(feed, owner, new FeedLeases.Success(response.status(), response.etag(),
                response.lastModified(), response.permanentUrl(), reading.feed().title(), reading.feed().siteUrl(),
                reading.feed().format(), interval, intervals.next(now, interval)),
                PollOutcome.success(feed.id(), count > 0 ? PollOutcome.Result.NEW_ITEMS
                        : PollOutcome.Result.NO_NEW_ITEMS, count));
    }

    private static int unacknowledged(SeenItems.Outcome outcome) {
        return outcome.offered() - outcome.alreadySeen() - outcome.busyElsewhere() - outcome.published().size();
    }

    /** Publication dates the feed gave; an item without one carries its collection time, which says nothing. */
    private static List<Instant> realDates(List<ArticleCollected> articles) {
        return articles.stream().filter(a -> !a.publishedAt().equals(a.collectedAt()))
                .map(ArticleCollected::publishedAt).toList();
    }

    private PollOutcome fail(Feed feed, String owner, String stage, String kind, String message, Integer status,
            Duration retryAfter, boolean disable, int published) {
        int failures = feed.consecutiveFailures() + 1;
        Duration current = Duration.ofSeconds(feed.currentIntervalSeconds());
        Duration delay = STAGE_PUBLISH.equals(stage) ? intervals.afterPublishFailure(current, failures)
                : intervals.afterFailure(current, failures, retryAfter);
        Instant next = retryAfter != null ? Instant.now().plus(delay) : intervals.next(Instant.now(), delay);
        LOG.debugf("feed %s (%s) failed at %s: %s %s", feed.id(), feed.url(), stage, kind, message);
        return record(feed, owner, new FeedLeases.Failure(stage, kind, message, status, next, disable),
                PollOutcome.failure(feed.id(), stage, kind, message, published));
    }

    private PollOutcome record(Feed feed, String owner, FeedLeases.Success success, PollOutcome outcome) {
        return leases.succeeded(feed, owner, success) ? outcome : leaseLost(feed, outcome);
    }

    private PollOutcome record(Feed feed, String owner, FeedLeases.Failure failure, PollOutcome outcome) {
        return leases.failed(feed, owner, failure) ? outcome : leaseLost(feed, outcome);
    }

    private static PollOutcome leaseLost(Feed feed, PollOutcome outcome) {
        // Deleted meanwhile, or the lease expired and another instance took the feed: its poll records instead.
        LOG.infof("feed %s was polled but its lease was gone when recording (%s)", feed.id(), outcome.result());
        return new PollOutcome(feed.id(), PollOutcome.Result.LEASE_LOST, outcome.stage(), outcome.errorKind(),
                outcome.message(), outcome.published());
    }
}
