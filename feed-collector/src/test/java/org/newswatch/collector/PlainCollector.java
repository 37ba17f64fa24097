package org.newswatch.collector;

import java.util.Map;

import javax.sql.DataSource;

import org.apache.kafka.clients.producer.KafkaProducer;

import org.newswatch.collector.feed.FeedRepository;
import org.newswatch.collector.feed.PollingConfig;
import org.newswatch.collector.fetch.FeedFetcher;
import org.newswatch.collector.fetch.FetchConfig;
import org.newswatch.collector.parse.FeedReader;
import org.newswatch.collector.poll.FeedLeases;
import org.newswatch.collector.poll.FeedPoller;
import org.newswatch.collector.poll.PollMetrics;
import org.newswatch.collector.publish.ArticlePublisher;
import org.newswatch.collector.publish.PublishConfig;
import org.newswatch.collector.publish.PublishHealth;
import org.newswatch.collector.publish.SeenItems;
import org.newswatch.contracts.Topics;
import org.newswatch.security.OutboundUrlGuard;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The collector's real fetch → parse → publish → record pipeline assembled without Quarkus, as the service's CDI
 * wiring does, for tests that need a second instance or a broken broker, and for the benchmark.
 */
public final class PlainCollector implements AutoCloseable {

    public final FeedRepository repository;
    public final FeedLeases leases;
    public final ArticlePublisher publisher;
    public final PublishHealth health = new PublishHealth();
    public final SeenItems seenItems;
    public final PollMetrics metrics = new PollMetrics(new SimpleMeterRegistry());
    public final FeedPoller poller;

    /**
     * @param bootstrapServers the broker to publish to
     * @param config           overrides of {@code newswatch.collector.*} settings
     */
    public PlainCollector(DataSource dataSource, String bootstrapServers, Map<String, String> config) {
        this(dataSource, bootstrapServers, config, Topics.ARTICLES);
    }

    /** A collector publishing to {@code topic} instead of {@link Topics#ARTICLES}. */
    public PlainCollector(DataSource dataSource, String bootstrapServers, Map<String, String> config, String topic) {
        repository = new FeedRepository(dataSource);
        leases = new FeedLeases(dataSource);
        PublishConfig publishConfig = CollectorConfigs.of(PublishConfig.class, config);
        publisher = new ArticlePublisher(new KafkaProducer<>(ArticlePublisher.producerConfig(
                Map.of("bootstrap.servers", bootstrapServers), publishConfig)), publishConfig, topic);
        seenItems = new SeenItems(dataSource, publisher, health);
        FeedFetcher fetcher = new FeedFetcher(CollectorConfigs.of(FetchConfig.class, config),
                new OutboundUrlGuard(true), "test");
        poller = new FeedPoller(fetcher, new FeedReader(), seenItems, leases,
                CollectorConfigs.of(PollingConfig.class, config), metrics);
    }

    @Override
    public void close() {
        publisher.close();
    }
}
