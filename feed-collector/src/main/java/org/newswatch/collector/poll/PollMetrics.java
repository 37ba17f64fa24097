package org.newswatch.collector.poll;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The collector's Prometheus metrics: polls by outcome and error kind, articles published, fetch/parse/publish
 * time, feeds due and overdue.
 */
@ApplicationScoped
public class PollMetrics {

    private final MeterRegistry registry;
    private final Counter published;
    private final Timer fetchTime;
    private final Timer parseTime;
    private final Timer publishTime;
    private final AtomicLong due = new AtomicLong();
    private final AtomicLong overdue = new AtomicLong();

    public PollMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.published = Counter.builder("newswatch.collector.articles.published")
                .description("Articles acknowledged by the broker on news.articles.v1").register(registry);
        this.fetchTime = Timer.builder("newswatch.collector.fetch").description("Time to fetch a feed")
                .register(registry);
        this.parseTime = Timer.builder("newswatch.collector.parse").description("Time to parse a fetched feed")
                .register(registry);
        this.publishTime = Timer.builder("newswatch.collector.publish")
                .description("Time to deduplicate and publish a feed's articles").register(registry);
        Gauge.builder("newswatch.collector.feeds.due", due, AtomicLong::get)
                .description("Enabled feeds whose poll time has come").register(registry);
        Gauge.builder("newswatch.collector.feeds.overdue", overdue, AtomicLong::get)
                .description("Enabled feeds more than the overdue threshold past their poll time").register(registry);
    }

    public void polled(PollOutcome outcome) {
        Counter.builder("newswatch.collector.polls")
                .description("Feed polls by outcome; error_kind says why a poll failed")
                .tag("outcome", outcome.result().label())
                .tag("stage", outcome.stage() == null ? "none" : outcome.stage())
                .tag("error_kind", outcome.errorKind() == null ? "none" : outcome.errorKind())
                .register(registry)
                .increment();
        if (outcome.published() > 0) {
            published.increment(outcome.published());
        }
    }

    public void fetched(Duration took) {
        fetchTime.record(took);
    }

    public void parsed(Duration took) {
        parseTime.record(took);
    }

    public void publishedIn(Duration took) {
        publishTime.record(took);
    }

    public void backlog(long dueFeeds, long overdueFeeds) {
        due.set(dueFeeds);
        overdue.set(overdueFeeds);
    }

    public Timer fetchTimer() {
        return fetchTime;
    }

    public Timer parseTimer() {
        return parseTime;
    }

    public Timer publishTimer() {
        return publishTime;
    }
}
