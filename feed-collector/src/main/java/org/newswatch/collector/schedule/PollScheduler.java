package org.newswatch.collector.schedule;

import org.jboss.logging.Logger;
import org.newswatch.collector.feed.FeedsDue;
import org.newswatch.collector.poll.FeedLeases;
import org.newswatch.collector.poll.FeedPoller;
import org.newswatch.collector.poll.PollMetrics;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

/** Runs the {@link PollDispatcher} in the service: a round every tick, at once when feeds are added. */
@ApplicationScoped
public class PollScheduler {

    private static final Logger LOG = Logger.getLogger(PollScheduler.class);

    private final ScheduleConfig config;
    private final FeedLeases leases;
    private final FeedPoller poller;
    private final PollMetrics metrics;
    private volatile PollDispatcher dispatcher;

    public PollScheduler(ScheduleConfig config, FeedLeases leases, FeedPoller poller, PollMetrics metrics) {
        this.config = config;
        this.leases = leases;
        this.poller = poller;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) {
        if (config.enabled()) {
            dispatcher = new PollDispatcher(config, leases, poller);
            LOG.infof("polling feeds as %s: %d at a time, %d per host", dispatcher.owner(), config.concurrency(),
                    config.perHostLimit());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        PollDispatcher running = dispatcher;
        dispatcher = null;
        if (running != null) {
            running.close();
        }
    }

    @Scheduled(every = "${newswatch.collector.schedule.tick:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        PollDispatcher running = dispatcher;
        if (running != null) {
            running.wake();
        }
    }

    /** The backlog gauges: a count query, so not every tick. */
    @Scheduled(every = "15s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void measureBacklog() {
        try {
            long[] counts = leases.dueAndOverdue(config.overdueAfter());
            metrics.backlog(counts[0], counts[1]);
        } catch (RuntimeException e) {
            LOG.debugf("backlog not measured: %s", e.getMessage());
        }
    }

    void feedsDue(@ObservesAsync FeedsDue event) {
        tick();
    }
}
