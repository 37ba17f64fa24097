package org.newswatch.collector.schedule;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
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
 * Hands due feeds to a bounded pool of pollers. Feeds are claimed in batches (leases in PostgreSQL, so other
 * instances take the others): a round claims enough to fill the free slots plus a queue of up to
 * {@code concurrency} feeds ready to start, so a finished poll starts the next feed at once instead of waiting for
 * a claim, and a busy instance claims once per several polls rather than once per poll. A feed is held back when
 * its host already has its share of fetches in flight. While feeds are left over, a round starts as soon as the
 * queue runs low, so a backlog drains at the pool's pace rather than one round per tick.
 */
public class PollDispatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PollDispatcher.class);

    private final ScheduleConfig config;
    private final FeedLeases leases;
    private final FeedPoller poller;
    private final String owner;
    private final HostLimits hosts;
    private final Semaphore slots;
    /** Claimed feeds waiting for a free slot; their leases run, so the queue stays short. */
    private final Deque<Feed> ready = new ArrayDeque<>();
    private final int queueLimit;
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
        this.queueLimit = config.concurrency();
        this.pollers = Executors.newFixedThreadPool(config.concurrency(), named("feed-poll"));
    }

    public String owner() {
        return owner;
    }

    /** Asks for a round soon; rounds never overlap and requests made during one are merged into the next. */
    public void wake() {
        if (!closed && roundQueued.compareAndSet(false, true)) {
            try {
                rounds.execute(() -> {
                    roundQueued.set(false);
                    round();
                });
            } catch (RejectedExecutionException e) {
                // Closed meanwhile.
            }
        }
    }

    private void round() {
        try {
            int wanted = slots.availablePermits() + queueLimit - queued();
            if (wanted > 0) {
                List<Feed> feeds = leases.claim(owner, wanted, config.lease());
                backlog = feeds.size() == wanted;
                synchronized (ready) {
                    ready.addAll(feeds);
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("no due feeds could be claimed: %s", e.getMessage());
        }
        startReady();
    }

    /** Starts queued feeds while slots are free. */
    private void startReady() {
        while (!closed && slots.tryAcquire()) {
            Feed feed;
            synchronized (ready) {
                feed = ready.poll();
            }
            if (feed == null) {
                slots.release();
                return;
            }
            start(feed);
        }
    }

    private int queued() {
        synchronized (ready) {
            return ready.size();
        }
    }

    /** Polls a feed in the slot the caller acquired, or gives the feed and the slot back. */
    private void start(Feed feed) {
        String host = hostOf(feed.url());
        if (!hosts.tryAcquire(host)) {
            slots.release();
            giveBack(feed, Instant.now().plus(config.hostBusyDelay()));
            return;
        }
        try {
            pollers.execute(() -> {
                try {
                    listener.accept(poller.poll(feed, owner));
                } catch (RuntimeException e) {
                    LOG.errorf(e, "poll of feed %s failed unexpectedly", feed.id());
                } finally {
                    hosts.release(host);
                    slots.release();
                    startReady();
                    if (backlog && queued() <= queueLimit / 2) {
                        wake();
                    }
                }
            });
        } catch (RuntimeException e) {
            // Shutting down: the feed goes back, due now, for another instance.
            hosts.release(host);
            slots.release();
            giveBack(feed, Instant.now());
        }
    }

    private void giveBack(Feed feed, Instant nextPollAt) {
        try {
            leases.release(feed, owner, nextPollAt);
        } catch (RuntimeException e) {
            // The lease expires instead.
            LOG.debugf("feed %s not given back: %s", feed.id(), e.getMessage());
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

    /**
     * Stops taking feeds, gives the queued ones back (due now, for another instance) and lets polls under way
     * finish (their leases would expire anyway).
     */
    @Override
    public void close() {
        closed = true;
        rounds.shutdownNow();
        try {
            rounds.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Feed> unstarted;
        synchronized (ready) {
            unstarted = List.copyOf(ready);
            ready.clear();
        }
        unstarted.forEach(feed -> giveBack(feed, Instant.now()));
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
