package org.newswatch.alert.delivery;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

/**
 * The delivery side of this instance: the {@link DeliveryScheduler} for immediate deliveries, and the switch
 * the digest, confirmation and owner notice senders look at. On from start-up unless
 * {@code newswatch.alert.delivery.worker-enabled=false} (an API-only instance; the tests, which start it
 * where they test delivery).
 */
@Singleton
public class DeliveryWorkers {

    /** How long shut-down waits for attempts under way; the rest are made again by whoever claims them next. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);

    private final DeliveryConfig config;
    private final DeliveryScheduler scheduler;
    private volatile boolean running;

    public DeliveryWorkers(DeliveryConfig config, DeliveryStore store, Instance<DeliveryChannel> channels,
            RetrySchedule schedule, Clock clock, MeterRegistry registry) {
        this.config = config;
        this.scheduler = new DeliveryScheduler(config, store, channels.stream().toList(), schedule, clock, registry);
    }

    public synchronized void start() {
        running = true;
        scheduler.start();
    }

    public synchronized void stop() {
        running = false;
        scheduler.stop(SHUTDOWN_GRACE);
    }

    /** Whether this instance delivers now; the mail outboxes skip their runs otherwise. */
    public boolean isRunning() {
        return running;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.workerEnabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }
}
