package org.newswatch.alert.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Runs immediate deliveries: one claimer thread takes due deliveries from the database
 * ({@code FOR UPDATE SKIP LOCKED}, so any number of instances share the work) and hands them to a bounded
 * pool of workers, never more than {@link DeliveryConfig#maxConcurrency()} at once and never more than
 * {@link DeliveryConfig#perEndpointConcurrency()} to one endpoint. The retry schedule is in the rows; this
 * class holds nothing that a restart would lose.
 */
public final class DeliveryScheduler {

    private static final Logger LOG = Logger.getLogger(DeliveryScheduler.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final int MAX_RECORD_BATCH = 256;

    private final DeliveryConfig config;
    private final DeliveryStore store;
    private final Map<String, DeliveryChannel> channels;
    private final RetrySchedule schedule;
    private final Clock clock;
    private final MeterRegistry registry;

    private final Object lock = new Object();
    private final Map<String, Integer> inFlightByEndpoint = new HashMap<>();
    // The endpoint of each subscription with a delivery in flight, to leave out those whose endpoint is full.
    private final Map<UUID, String> endpointOfSubscription = new HashMap<>();
    private final Map<UUID, Integer> inFlightBySubscription = new HashMap<>();
    private int inFlight;
    private long released;
    private volatile boolean running;
    private Thread claimer;
    private ExecutorService workers;
    private final BlockingQueue<DeliveryStore.Finished> finished = new LinkedBlockingQueue<>();
    private Thread writer;
    private volatile boolean writerDone;

    public DeliveryScheduler(DeliveryConfig config, DeliveryStore store, List<DeliveryChannel> channels,
            RetrySchedule schedule, Clock clock, MeterRegistry registry) {
        this.registry = registry;
        this.config = config;
        this.store = store;
        this.channels = new HashMap<>();
        for (DeliveryChannel channel : channels) {
            this.channels.put(channel.type(), channel);
        }
        this.schedule = schedule;
        this.clock = clock;
    }

    /** Starts claiming and delivering. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        int instance = INSTANCES.incrementAndGet();
        AtomicInteger workerNumber = new AtomicInteger();
        workers = new ThreadPoolExecutor(config.maxConcurrency(), config.maxConcurrency(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "delivery-" + instance + "-worker-" + workerNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        writerDone = false;
        writer = new Thread(this::writeLoop, "delivery-" + instance + "-recorder");
        writer.setDaemon(true);
        writer.start();
        claimer = new Thread(this::claimLoop, "delivery-" + instance + "-claimer");
        claimer.setDaemon(true);
        claimer.start();
    }

    /**
     * Stops claiming and waits up to {@code grace} for attempts under way. An attempt still running after that
     * is abandoned; its claim runs out and another worker makes it again.
     */
    public void stop(Duration grace) {
        Thread claimerToJoin;
        Thread writerToJoin;
        ExecutorService workersToStop;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            claimerToJoin = claimer;
            writerToJoin = writer;
            workersToStop = workers;
        }
        synchronized (lock) {
            lock.notifyAll();
        }
        try {
            claimerToJoin.join(grace.toMillis());
            workersToStop.shutdown();
            if (!workersToStop.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                workersToStop.shutdownNow();
            }
            // What finished is still recorded before the scheduler stops.
            writerDone = true;
            writerToJoin.join(grace.toMillis());
        } catch (InterruptedException e) {
            workersToStop.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    public boolean isRunning() {
        return running;
    }

    private void claimLoop() {
        Duration backoff = config.pollInterval();
        while (running) {
            int free;
            List<UUID> busySubscriptions = new ArrayList<>();
            synchronized (lock) {
                free = config.maxConcurrency() - inFlight;
                endpointOfSubscription.forEach((subscription, endpoint) -> {
                    if (inFlightByEndpoint.getOrDefault(endpoint, 0) >= config.perEndpointConcurrency()) {
                        busySubscriptions.add(subscription);
                    }
                });
            }
            List<DueDelivery> claimed = List.of();
            if (free > 0) {
                try {
                    claimed = store.claim(free, busySubscriptions, this::freeSlots, clock.instant(), config.lease());
                    backoff = config.pollInterval();
                } catch (RuntimeException e) {
                    // The database is away: try again later, more slowly, without flooding the log.
                    LOG.warnf("Cannot claim deliveries, trying again in %d ms: %s", backoff.toMillis(), e.getMessage());
                    pause(backoff, Integer.MAX_VALUE);
                    backoff = min(backoff.multipliedBy(2), Duration.ofSeconds(10));
                    continue;
                }
            }
            for (DueDelivery delivery : claimed) {
                reserve(delivery);
                try {
                    workers.execute(() -> attempt(delivery));
                } catch (RuntimeException e) {
                    // Only when stopping: the claim runs out and another worker takes the delivery.
                    release(delivery);
                }
            }
            if (claimed.size() < free || free == 0) {
                // Nothing more is due now, or every slot is busy: wait for the next poll, or until enough attempts
                // have finished that a claim is worth it (one, when an endpoint's limit is what holds work back).
                pause(config.pollInterval(), anEndpointIsFull() ? 1 : Math.max(1, config.maxConcurrency() / 4));
            }
        }
    }

    private void pause(Duration duration, int wakeAfterReleases) {
        long deadline = System.nanoTime() + duration.toNanos();
        synchronized (lock) {
            long releasedBefore = released;
            while (running && released - releasedBefore < wakeAfterReleases) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                    return;
                }
            }
        }
    }

    private boolean anEndpointIsFull() {
        synchronized (lock) {
            return inFlightByEndpoint.values().stream().anyMatch(count -> count >= config.perEndpointConcurrency());
        }
    }

    private int freeSlots(String endpoint) {
        synchronized (lock) {
            return config.perEndpointConcurrency() - inFlightByEndpoint.getOrDefault(endpoint, 0);
        }
    }

    private void reserve(DueDelivery delivery) {
        synchronized (lock) {
            inFlight++;
            inFlightByEndpoint.merge(delivery.endpoint(), 1, Integer::sum);
            inFlightBySubscription.merge(delivery.subscriptionId(), 1, Integer::sum);
            endpointOfSubscription.put(delivery.subscriptionId(), delivery.endpoint());
        }
    }

    private void release(DueDelivery delivery) {
        synchronized (lock) {
            inFlight--;
            inFlightByEndpoint.computeIfPresent(delivery.endpoint(), (key, count) -> count == 1 ? null : count - 1);
            if (inFlightBySubscription.merge(delivery.subscriptionId(), -1, Integer::sum) == 0) {
                inFlightBySubscription.remove(delivery.subscriptionId());
                endpointOfSubscription.remove(delivery.subscriptionId());
            }
            released++;
            lock.notifyAll();
        }
    }

    private void attempt(DueDelivery delivery) {
        boolean handedOver = false;
        try {
            Instant startedAt = clock.instant();
            if (delivery.article() == null) {
                store.failWithoutAttempt(delivery, "the story is no longer stored (or its stored form is unreadable)",
                        startedAt);
                return;
            }
            DeliveryChannel channel = channels.get(delivery.channelType());
            DeliveryOutcome outcome;
            if (channel == null) {
                outcome = DeliveryOutcome.failed(null, "no channel delivers '" + delivery.channelType() + "'");
            } else {
                try {
                    outcome = channel.attempt(delivery);
                } catch (RuntimeException e) {
                    LOG.errorf(e, "Delivery %s: the %s channel failed unexpectedly", delivery.id(), delivery.channelType());
                    outcome = DeliveryOutcome.failed(null, "internal error in the " + delivery.channelType()
                            + " channel: " + e.getClass().getSimpleName());
                }
            }
            Instant finishedAt = clock.instant();
            Optional<Instant> next = outcome.result() == DeliveryOutcome.Result.FAILED
                    ? schedule.nextAttempt(delivery.scheduleAttempt(), finishedAt, outcome.retryAfter())
                    : Optional.empty();
            // The writer records it with others in one transaction and then frees the slot.
            finished.add(new DeliveryStore.Finished(delivery, outcome, startedAt, finishedAt, next));
            handedOver = true;
        } catch (RuntimeException e) {
            LOG.errorf("Delivery %s attempt %d failed before it was recorded; it is attempted again after its claim"
                    + " runs out: %s", delivery.id(), delivery.attempt(), e.getMessage());
        } finally {
            if (!handedOver) {
                release(delivery);
            }
        }
    }

    /**
     * Records finished attempts in batches: one transaction for all that finished since the last one, instead of
     * one per delivery. A slot comes free only once its attempt is recorded, which also holds the workers back
     * when the database is slower than the receivers.
     */
    private void writeLoop() {
        List<DeliveryStore.Finished> batch = new ArrayList<>(MAX_RECORD_BATCH);
        while (true) {
            DeliveryStore.Finished first;
            try {
                first = finished.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (first == null) {
                if (writerDone) {
                    return;
                }
                continue;
            }
            batch.add(first);
            finished.drainTo(batch, MAX_RECORD_BATCH - 1);
            write(batch);
            batch.clear();
        }
    }

    private void write(List<DeliveryStore.Finished> batch) {
        try {
            List<DeliveryStore.Disabled> disabled = store.recordOutcomes(batch, config.disableFailingEndpointAfter());
            for (DeliveryStore.Finished f : batch) {
                registry.counter("newswatch.alert.delivery.attempts", "channel", f.delivery().channelType(),
                        "result", f.outcome().result().name().toLowerCase(Locale.ROOT)).increment();
                registry.timer("newswatch.alert.delivery.attempt", "channel", f.delivery().channelType())
                        .record(Duration.between(f.startedAt(), f.finishedAt()));
            }
            if (LOG.isDebugEnabled()) {
                batch.forEach(f -> LOG.debugf("Delivery %s attempt %d: %s%s", f.delivery().id(), f.delivery().attempt(),
                        f.outcome().result(), f.nextAttempt().map(at -> ", next attempt at " + at).orElse("")));
            }
            // Committed with its owner notice, which the mail side sends (OwnerNoticeSender). Ids and reason only:
            // never the URL or a secret.
            for (DeliveryStore.Disabled subscription : disabled) {
                LOG.warnf("Disabled subscription %s of owner %s: %s", subscription.subscriptionId(), subscription.owner(),
                        subscription.reason());
            }
        } catch (RuntimeException e) {
            // Not recorded: the claims run out and the deliveries are attempted again (at least once, never lost).
            LOG.errorf("Cannot record %d delivery attempts; they are attempted again after their claims run out: %s",
                    batch.size(), e.getMessage());
        } finally {
            batch.forEach(f -> release(f.delivery()));
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
