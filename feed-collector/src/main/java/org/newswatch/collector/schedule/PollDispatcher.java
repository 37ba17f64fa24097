package org.newswatch.collector.schedule;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.jboss.logging.Logger;
import org.newswatch.collector.feed.Feed;
import org.newswatch.collector.poll.FeedLeases;
import org.newswatch.collector.poll.FeedPoller;
import org.newswatch.collector.poll.PollOutcome;

/**
 * Hands due feeds to a bounded pool of pollers. Each round claims as many due feeds as there are free slots
 * (leases in PostgreSQL, so other instances take the others), holds a feed back when its host already has its
 * share of fetches in flight, and starts another round as soon as a poll ends while feeds were left over, so a
 * backlog drains at the pool's pace rather than one round per tick.
 */
public class PollDispatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PollDispatcher.class);

    private final ScheduleConfig config;
    private final FeedLeases leases;
    private final FeedPoller poller;
    private final String owner;
    private final HostLimits hosts;
    private final Semaphore slots;
    private final ExecutorService pollers;
    private final ExecutorService rounds = Executors.newSingleThreadExecutor(named("feed-dispatch"));
    private final AtomicBoolean roundQueued = new AtomicBoolean();
    private final Consumer<PollOutcome> listener;
    private volatile boolean backlog;
    private volatile boolean closed;

    public PollDispatcher(ScheduleConfig config, FeedLeases leases, FeedPoller poller) {
        this(config, leases, poller, outcome -> {
            // The poller records outcomes and metrics itself; a listener only serves callers that count.
        });
    }

    /** A dispatcher that also tells {@code listener} how each poll ended. */
    public PollDispatcher(ScheduleConfig config, FeedLeases leases, FeedPoller poller, Consumer<PollOutcome> listener) {
        this.config = config;
        this.leases = leases;
        this.poller = poller;
        this.listener = listener;
        this.owner = config.instanceId().orElseGet(PollDispatcher::defaultInstanceId);
        this.hosts = new HostLimits(config.perHostLimit());
        this.slots = new Semaphore(config.concurrency());
        this.pollers = Executors.newFixedThreadPool(config.concurrency(), named("feed-poll"));
    }

    public String owner() {
        return owner;
    }

    /** Asks for a round soon; rounds never overlap and requests made during one are merged into the next. */
    public void wake() {
        if (!closed && roundQueued.compareAndSet(false, true)) {
            rounds.execute(() -> {
                roundQueued.set(false);
                round();
            });
        }
    }

    private void round() {
        try {
            int free = slots.availablePermits();
            if (free == 0) {
                backlog = true;
                return;
            }
            List<Feed> feeds = leases.claim(owner, free, config.lease());
            backlog = feeds.size() == free;
            for (Feed feed : feeds) {
                start(feed);
            }
        } catch (RuntimeException e) {
            LOG.warnf("no due feeds could be claimed: %s", e.getMessage());
        }
    }

    private void start(Feed feed) {
        String host = hostOf(feed.url());
        if (!hosts.tryAcquire(host)) {
            leases.release(feed, owner, Instant.now().plus(config.hostBusyDelay()));
            return;
        }
        slots.acquireUninterruptibly();
        try {
            pollers.execute(() -> {
                try {
                    listener.accept(poller.poll(feed, owner));
                } catch (RuntimeException e) {
                    LOG.errorf(e, "poll of feed %s failed unexpectedly", feed.id());
                } finally {
                    hosts.release(host);
                    slots.release();
                    if (backlog) {
                        wake();
                    }
                }
            });
        } catch (RuntimeException e) {
            // Shutting down: the lease expires and another instance polls the feed.
            hosts.release(host);
            slots.release();
        }
    }

    private static String hostOf(String url) {
        String host = URI.create(url).getHost();
        return host == null ? url : host;
    }

    private static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "collector";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Stops taking feeds and lets polls under way finish (their leases would expire anyway). */
    @Override
    public void close() {
        closed = true;
        rounds.shutdownNow();
        pollers.shutdown();
        try {
            if (!pollers.awaitTermination(10, TimeUnit.SECONDS)) {
                pollers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pollers.shutdownNow();
        }
    }
}
