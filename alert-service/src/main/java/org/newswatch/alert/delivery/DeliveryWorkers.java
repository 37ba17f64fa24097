package org.newswatch.alert.delivery;

import java.time.Clock;
import java.time.Duration;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Creates this instance's {@link DeliveryScheduler} and runs it from start-up to shut-down. */
@Singleton
public class DeliveryWorkers {

    /** How long shut-down waits for attempts under way; the rest are made again by whoever claims them next. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);

    @Produces
    @Singleton
    DeliveryScheduler scheduler(DeliveryConfig config, DeliveryStore store, Instance<DeliveryChannel> channels,
            RetrySchedule schedule, OwnerNotices notices, Clock clock) {
        return new DeliveryScheduler(config, store, channels.stream().toList(), schedule, notices, clock);
    }

    void start(@Observes StartupEvent event, DeliveryConfig config, DeliveryScheduler scheduler) {
        if (config.workerEnabled()) {
            scheduler.start();
        }
    }

    void stop(@Observes ShutdownEvent event, DeliveryScheduler scheduler) {
        scheduler.stop(SHUTDOWN_GRACE);
    }
}
