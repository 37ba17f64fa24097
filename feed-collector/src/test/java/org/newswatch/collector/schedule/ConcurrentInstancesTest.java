package org.newswatch.collector.schedule;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newswatch.collector.CollectorConfigs;
import org.newswatch.collector.LoopbackFeedServer;
import org.newswatch.collector.MigratedDatabase;
import org.newswatch.collector.PlainCollector;
import org.newswatch.collector.feed.Feed;
import org.newswatch.collector.feed.FeedRepository;
import org.newswatch.collector.poll.FeedLeases;
import org.newswatch.collector.poll.PollOutcome;
import org.newswatch.testkit.KafkaBroker;

/** Leases on the real database: instances never claim one feed together, and a crashed one's feeds come back. */
class ConcurrentInstancesTest {

    static MigratedDatabase database;
    static FeedRepository repository;
    static FeedLeases leases;

    @BeforeAll
    static void start() {
        database = new MigratedDatabase("leases", 24);
        repository = new FeedRepository(database.dataSource());
        leases = new FeedLeases(database.dataSource());
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    static List<Feed> addFeeds(String prefix, int count) {
        List<Feed> feeds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            feeds.add(repository.insert(new FeedRepository.NewFeed("http://127.0.0.1:9/" + prefix + "/" + i, null, 300))
                    .orElseThrow());
        }
        return feeds;
    }

    @Test
    void instancesClaimingAtTheSameTimeNeverGetTheSameFeed() throws Exception {
        List<Feed> feeds = addFeeds("race", 60);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<UUID>>> claims = new ArrayList<>();
        for (int instance = 0; instance < 4; instance++) {
            String owner = "instance-" + instance;
            claims.add(pool.submit(() -> {
                go.await();
                List<UUID> mine = new ArrayList<>();
                List<Feed> batch;
                do {
                    batch = leases.claim(owner, 7, Duration.ofMinutes(5));
                    batch.forEach(f -> mine.add(f.id()));
                } while (!batch.isEmpty());
                return mine;
            }));
        }
        go.countDown();
        Set<UUID> all = new HashSet<>();
        for (Future<List<UUID>> claim : claims) {
            for (UUID id : claim.get()) {
                assertTrue(all.add(id), "claimed twice: " + id);
            }
        }
        pool.shutdown();
        assertTrue(all.containsAll(feeds.stream().map(Feed::id).toList()), "every due feed claimed by someone");
    }

    @Test
    void aLeaseIsExclusiveUntilItExpiresAndOnlyItsOwnerMayRecord() {
        Feed feed = addFeeds("expiry", 1).get(0);
        // Only this test's feed may be due: older test feeds are leased for minutes.
        List<Feed> claimed = leases.claim("crashing-instance", 100, Duration.ofMillis(300));
        assertTrue(claimed.stream().anyMatch(f -> f.id().equals(feed.id())));
        assertFalse(leases.claim("other", 100, Duration.ofMinutes(1)).stream().anyMatch(f -> f.id().equals(feed.id())),
                "leased to the first instance");
        Feed theirs = claimed.stream().filter(f -> f.id().equals(feed.id())).findFirst().orElseThrow();
        assertFalse(leases.release(theirs, "other", java.time.Instant.now()), "another instance cannot record");

        // The first instance "crashes": its lease expires and the feed comes back to another.
        await().atMost(Duration.ofSeconds(10)).until(() -> leases.claim("other", 100, Duration.ofMinutes(1))
                .stream().anyMatch(f -> f.id().equals(feed.id())));
        assertFalse(leases.release(theirs, "crashing-instance", java.time.Instant.now()),
                "the crashed instance's late write-back is refused");
        assertEquals("other", repository.find(feed.id()).orElseThrow().leaseOwner());
    }

    @Test
    void twoDispatchersPollEveryFeedOnceAndNeverOneFeedTogether() {
        String run = UUID.randomUUID().toString();
        Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
        List<String> overlaps = new CopyOnWriteArrayList<>();
        try (LoopbackFeedServer server = new LoopbackFeedServer();
                MigratedDatabase own = new MigratedDatabase("dispatchers", 24);
                PlainCollector a = new PlainCollector(own.dataSource(), KafkaBroker.shared().bootstrapServers(), Map.of());
                PlainCollector b = new PlainCollector(own.dataSource(), KafkaBroker.shared().bootstrapServers(), Map.of())) {
            int count = 40;
            for (int i = 0; i < count; i++) {
                String path = "/instances/" + i + ".xml";
                byte[] body = ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>f" + i + "</title>"
                        + "<link>https://instances.example.org/</link><description>d</description><item><title>x</title>"
                        + "<link>https://instances.example.org/" + run + "/" + i + "</link></item></channel></rss>")
                        .getBytes(StandardCharsets.UTF_8);
                var handler = LoopbackFeedServer.bytes(body, "application/rss+xml");
                server.route(path, exchange -> {
                    if (inFlight.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet() > 1) {
                        overlaps.add(path);
                    }
                    requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                    try {
                        handler.handle(exchange);
                    } finally {
                        inFlight.get(path).decrementAndGet();
                    }
                });
                a.repository.insert(new FeedRepository.NewFeed(server.url(path), null, 300)).orElseThrow();
            }
            List<PollOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
            ScheduleConfig config = CollectorConfigs.of(ScheduleConfig.class, Map.of(
                    "newswatch.collector.schedule.concurrency", "4",
                    "newswatch.collector.schedule.per-host-limit", "4"));
            try (PollDispatcher first = new PollDispatcher(config, a.leases, a.poller, outcomes::add);
                    PollDispatcher second = new PollDispatcher(config, b.leases, b.poller, outcomes::add)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    first.wake();
                    second.wake();
                    return outcomes.size() >= count;
                });
            }
            assertEquals(List.of(), overlaps, "feeds fetched by two instances at once");
            requests.forEach((path, n) -> assertEquals(1, n.get(), "polled once: " + path));
            assertEquals(count, requests.size());
            assertTrue(outcomes.stream().allMatch(o -> o.result() == PollOutcome.Result.NEW_ITEMS), outcomes.toString());
        }
    }
}
