package org.newswatch.collector.poll;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.function.DoubleSupplier;

import org.newswatch.collector.feed.PollingConfig;

/**
 * When to poll a feed next. Busy feeds come faster, quiet ones slower, failing ones back off, and what the server
 * or the feed asks for (Retry-After, Cache-Control max-age, Expires, RSS ttl, sy:updatePeriod) is never undercut.
 * <ul>
 * <li>Items published in the last day: poll about twice per expected item, {@code 1 day / (2 × items)}, between
 * the floor and the feed's own interval.</li>
 * <li>Nothing in the last day: {@code age of the newest item / 48}, between the feed's own interval and the quiet
 * ceiling (a feed silent for two days is polled hourly by default).</li>
 * <li>Failures: the current interval doubled per consecutive failure, up to the back-off ceiling (24 h).</li>
 * <li>A failure to publish (the broker, not the feed): from the floor, doubled per consecutive failure, never
 * beyond the feed's current interval.</li>
 * <li>Hints from the server or the feed raise the interval, up to the back-off ceiling.</li>
 * </ul>
 * A random jitter of up to {@code jitter × interval} is added, never subtracted, so hints are always honoured.
 */
public final class PollIntervals {

    private static final Duration DAY = Duration.ofDays(1);

    private final PollingConfig config;
    private final DoubleSupplier random;

    public PollIntervals(PollingConfig config, DoubleSupplier random) {
        this.config = config;
        this.random = random;
    }

    /**
     * The interval after a successful read.
     *
     * @param asked          the feed's own interval (the admin's choice or the default)
     * @param publishedDates the items' real publication dates (items without one left out)
     * @param hints          intervals the server or the feed asked for; nulls ignored
     */
    public Duration afterRead(Duration asked, Collection<Instant> publishedDates, Instant now, Duration... hints) {
        Duration interval = asked;
        long lastDay = publishedDates.stream().filter(d -> !d.isAfter(now) && d.isAfter(now.minus(DAY))).count();
        if (lastDay > 0) {
            interval = min(asked, Duration.ofSeconds(DAY.toSeconds() / (2 * lastDay)));
        } else {
            Instant newest = publishedDates.stream().filter(d -> !d.isAfter(now)).max(Instant::compareTo).orElse(null);
            if (newest != null) {
                Duration quiet = Duration.ofSeconds(Duration.between(newest, now).toSeconds() / 48);
                interval = min(max(asked, quiet), max(asked, config.maxQuietInterval()));
            }
        }
        return withHints(max(interval, config.minInterval()), hints);
    }

    /** The interval after a 304: what was settled before, unless the server now asks for longer. */
    public Duration afterNotModified(Duration current, Duration... hints) {
        return withHints(max(current, config.minInterval()), hints);
    }

    /**
     * The delay before the next attempt after a failure.
     *
     * @param failures consecutive failures, this one included
     */
    public Duration afterFailure(Duration current, int failures, Duration retryAfter) {
        return withHints(doubled(current, failures, config.maxBackoff()), retryAfter);
    }

    /**
     * The delay before the next attempt after the broker did not take a feed's new articles. The feed itself was
     * fine and nothing was marked seen: try again soon (a broker restart takes seconds), backing off from the floor
     * while the broker stays away, but never waiting longer than the feed's own interval.
     *
     * @param failures consecutive failures, this one included
     */
    public Duration afterPublishFailure(Duration current, int failures) {
        return max(config.minInterval(), doubled(config.minInterval(), failures, current));
    }

    /** The next poll time: {@code now + interval} plus a random jitter of up to {@code jitter × interval}. */
    public Instant next(Instant now, Duration interval) {
        long jitterMillis = (long) (interval.toMillis() * config.jitter() * random.getAsDouble());
        return now.plus(interval).plusMillis(jitterMillis);
    }

    /** {@code start} doubled for every consecutive failure after the first, at most {@code ceiling}. */
    private static Duration doubled(Duration start, int failures, Duration ceiling) {
        Duration backoff = start;
        for (int i = 1; i < failures && backoff.compareTo(ceiling) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        return min(backoff, ceiling);
    }

    private Duration withHints(Duration interval, Duration... hints) {
        Duration result = interval;
        for (Duration hint : hints) {
            if (hint != null) {
                result = max(result, min(hint, config.maxBackoff()));
            }
        }
        return result;
    }

    private static Duration max(Duration a, Duration b) {
        return Objects.requireNonNull(a).compareTo(b) >= 0 ? a : b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
