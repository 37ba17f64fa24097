package org.newswatch.collector.feed;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.newswatch.problem.Problem;
import org.newswatch.problem.ProblemException;
import org.newswatch.security.OutboundUrlGuard;
import org.newswatch.security.RefusedUrlException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The registry's rules: what URL and interval a feed may have, and that a new feed is polled at once. */
@ApplicationScoped
public class FeedRegistry {

    static final int MAX_INTERVAL_SECONDS = 86_400;
    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 500;

    /** A page of feeds and the cursor of the next one (absent on the last page). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Page(List<FeedView> items, String nextCursor) {
    }

    /** What an import did with each outline. */
    public record ImportReport(List<FeedView> added, List<String> existing, List<Rejected> rejected) {
    }

    public record Rejected(String url, String reason) {
    }

    private final FeedRepository repository;
    private final OutboundUrlGuard guard;
    private final PollingConfig polling;
    private final Event<FeedsDue> added;

    public FeedRegistry(FeedRepository repository, OutboundUrlGuard guard, PollingConfig polling,
            Event<FeedsDue> added) {
        this.repository = repository;
        this.guard = guard;
        this.polling = polling;
        this.added = added;
    }

    /** Adds a feed, due at once. */
    public Feed add(String url, Integer pollIntervalSeconds, String title) {
        String normalized = acceptableUrl(url);
        Feed feed = repository.insert(new FeedRepository.NewFeed(normalized, blankToNull(title),
                interval(pollIntervalSeconds))).orElseThrow(() -> duplicate(normalized));
        added.fireAsync(new FeedsDue(1));
        return feed;
    }

    /** Adds every feed of an OPML list that is not registered yet; a bad outline is reported, never fatal. */
    public ImportReport importOpml(List<OpmlOutline> outlines) {
        List<FeedView> addedFeeds = new ArrayList<>();
        List<String> existing = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        for (OpmlOutline outline : outlines) {
            String normalized;
            try {
                normalized = acceptableUrl(outline.xmlUrl());
            } catch (ProblemException e) {
                rejected.add(new Rejected(outline.xmlUrl(), e.problem().detail()));
                continue;
            }
            repository.insert(new FeedRepository.NewFeed(normalized, blankToNull(outline.title()),
                    interval(null))).ifPresentOrElse(feed -> addedFeeds.add(FeedView.of(feed)),
                            () -> existing.add(normalized));
        }
        if (!addedFeeds.isEmpty()) {
            added.fireAsync(new FeedsDue(addedFeeds.size()));
        }
        return new ImportReport(addedFeeds, existing, rejected);
    }

    public Feed get(UUID id) {
        return repository.find(id).orElseThrow(() -> notFound(id));
    }

    public Page list(String cursor, Integer limit) {
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw ProblemException.badRequest("invalid-limit", "limit must be between 1 and " + MAX_PAGE);
        }
        List<Feed> feeds = repository.page(decodeCursor(cursor), size + 1);
        boolean more = feeds.size() > size;
        List<Feed> page = more ? feeds.subList(0, size) : feeds;
        String next = more ? encodeCursor(page.get(page.size() - 1).url()) : null;
        return new Page(page.stream().map(FeedView::of).toList(), next);
    }

    /** Every feed, for the OPML export. */
    public List<Feed> all() {
        List<Feed> all = new ArrayList<>();
        String after = null;
        List<Feed> page;
        do {
            page = repository.page(after, MAX_PAGE);
            all.addAll(page);
            after = page.isEmpty() ? null : page.get(page.size() - 1).url();
        } while (page.size() == MAX_PAGE);
        return all;
    }

    public Feed update(UUID id, String title, Integer pollIntervalSeconds, Boolean enabled) {
        Integer interval = pollIntervalSeconds == null ? null : interval(pollIntervalSeconds);
        Feed feed = repository.update(id, new FeedRepository.FeedChanges(title, interval, enabled))
                .orElseThrow(() -> notFound(id));
        if (Boolean.TRUE.equals(enabled)) {
            added.fireAsync(new FeedsDue(1));
        }
        return feed;
    }

    /** Polls the feed as soon as a poller is free, whatever its schedule says. */
    public Feed pollNow(UUID id) {
        Feed feed = repository.makeDue(id).orElseThrow(() -> notFound(id));
        if (!feed.enabled()) {
            throw ProblemException.conflict("feed-disabled", "the feed is disabled (" + feed.disabledReason()
                    + "); enable it with PATCH {\"enabled\": true} to poll it again");
        }
        added.fireAsync(new FeedsDue(1));
        return feed;
    }

    public void delete(UUID id) {
        if (!repository.delete(id)) {
            throw notFound(id);
        }
    }

    /** The normalized URL, when it is one newswatch may poll (scheme, shape and, outside local, SSRF). */
    public String acceptableUrl(String url) {
        String normalized;
        try {
            normalized = FeedAddress.normalize(url);
        } catch (InvalidFeedAddressException e) {
            throw ProblemException.badRequest("invalid-feed-url", e.getMessage());
        }
        try {
            guard.check(normalized);
        } catch (RefusedUrlException e) {
            throw new ProblemException(Problem.of(400, "refused-feed-url", e.getMessage())
                    .with("reason", e.reason().name()));
        }
        return normalized;
    }

    private int interval(Integer seconds) {
        if (seconds == null) {
            return (int) polling.defaultInterval().toSeconds();
        }
        long floor = polling.minInterval().toSeconds();
        if (seconds < floor || seconds > MAX_INTERVAL_SECONDS) {
            throw ProblemException.badRequest("invalid-poll-interval", "pollIntervalSeconds must be between " + floor
                    + " and " + MAX_INTERVAL_SECONDS + ", got " + seconds);
        }
        return seconds;
    }

    private static String decodeCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-cursor", "the cursor is not one this API gave out");
        }
    }

    private static String encodeCursor(String url) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(url.getBytes(StandardCharsets.UTF_8));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private ProblemException duplicate(String url) {
        Optional<Feed> existing = repository.findByUrl(url);
        Problem problem = Problem.of(409, "duplicate-feed", "a feed with the URL " + url
                + " is registered already");
        return new ProblemException(existing.map(feed -> problem.with("feedId", feed.id().toString()))
                .orElse(problem));
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.notFound("no feed with id " + id);
    }
}
