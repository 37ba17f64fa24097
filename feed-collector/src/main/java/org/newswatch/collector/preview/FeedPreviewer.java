package org.newswatch.collector.preview;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.newswatch.collector.feed.Feed;
import org.newswatch.collector.feed.FeedIds;
import org.newswatch.collector.feed.FeedRegistry;
import org.newswatch.collector.feed.FeedRepository;
import org.newswatch.collector.fetch.FeedFetcher;
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
import org.newswatch.problem.Problem;
import org.newswatch.problem.ProblemException;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Fetches and reads a URL exactly as a poll would, with the same fetcher, guard and reader, and stores nothing:
 * an admin tries a source before adding it. A URL that is not a usable feed answers a problem naming the stage
 * (fetch or parse), the error kind and what happened.
 */
@ApplicationScoped
public class FeedPreviewer {

    private final FeedRegistry registry;
    private final FeedRepository repository;
    private final FeedFetcher fetcher;
    private final FeedReader reader;
    private final SeenItems seenItems;

    public FeedPreviewer(FeedRegistry registry, FeedRepository repository, FeedFetcher fetcher, FeedReader reader,
            SeenItems seenItems) {
        this.registry = registry;
        this.repository = repository;
        this.fetcher = fetcher;
        this.reader = reader;
        this.seenItems = seenItems;
    }

    public FeedPreview preview(String url) {
        String normalized = registry.acceptableUrl(url);
        FetchResponse response;
        try {
            response = fetcher.fetch(FetchRequest.unconditional(normalized));
        } catch (FetchException e) {
            throw unusable("fetch", e.kind().name(), e.getMessage()).with("httpStatus", e.status())
                    .with("retryAfterSeconds", e.retryAfter() == null ? null : e.retryAfter().toSeconds())
                    .toException();
        }
        // The id a registered feed has, or the one it will have once added: article ids may derive from it.
        Optional<Feed> registered = repository.findByUrl(normalized);
        String feedId = registered.map(feed -> feed.id().toString())
                .orElseGet(() -> FeedIds.forUrl(normalized).toString());
        String title = registered.map(Feed::title).orElse(null);
        FeedReading reading;
        try {
            reading = reader.read(new FeedDocument(response.body(), response.contentType(), response.finalUrl()),
                    new FeedSource(feedId, normalized, title), Instant.now());
        } catch (FeedParseException e) {
            throw unusable("parse", e.kind().name(), e.getMessage()).with("httpStatus", response.status())
                    .toException();
        }
        Set<String> published;
        try {
            published = seenItems.publishedAmong(reading.articles().stream().map(ArticleCollected::id).toList());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the seen items: " + e.getMessage(), e);
        }
        var meta = reading.feed();
        List<FeedPreview.Item> items = reading.articles().stream()
                .map(a -> FeedPreview.Item.of(a, published.contains(a.id()))).toList();
        return new FeedPreview(normalized, response.finalUrl().toString(),
                new FeedPreview.Feed(meta.format(), meta.title(), meta.siteUrl(), meta.language(),
                        meta.suggestedInterval() == null ? null : meta.suggestedInterval().toSeconds(),
                        meta.encoding()),
                reading.notices(), items);
    }

    private static UnusableFeed unusable(String stage, String kind, String message) {
        return new UnusableFeed(Problem.of(422, "unusable-feed", message)
                .with("stage", stage).with("errorKind", kind));
    }

    /** A problem being assembled. */
    private record UnusableFeed(Problem problem) {
        UnusableFeed with(String name, Object value) {
            return new UnusableFeed(problem.with(name, value));
        }

        ProblemException toException() {
            return new ProblemException(problem);
        }
    }
}
