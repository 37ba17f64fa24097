package org.newswatch.collector.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newswatch.collector.ArticlesTopic;
import org.newswatch.collector.LoopbackFeedServer;
import org.newswatch.collector.MigratedDatabase;
import org.newswatch.collector.PlainCollector;
import org.newswatch.collector.feed.Feed;
import org.newswatch.collector.feed.FeedRepository;
import org.newswatch.collector.poll.FeedPoller;
import org.newswatch.collector.poll.PollOutcome;
import org.newswatch.testkit.KafkaBroker;

/**
 * With the broker unreachable nothing is lost: the poll fails softly, nothing is marked seen, the validators are
 * not stored (so the next poll reads the body again), readiness shows the collector degraded; the next poll with
 * the broker back publishes every item once.
 * <p>
 * "Down" is a producer pointed at a port where no broker listens: to a producer that is what a stopped broker looks
 * like, and the JVM's shared test broker keeps serving the other tests.
 */
class BrokerDownTest {

    static final Map<String, String> FAST_FAILURE = Map.of(
            "newswatch.collector.publish.metadata-timeout", "1s",
            "newswatch.collector.publish.delivery-timeout", "2s");
    static MigratedDatabase database;
    static LoopbackFeedServer server;

    @BeforeAll
    static void start() {
        database = new MigratedDatabase("broker_down", 4);
        server = new LoopbackFeedServer();
    }

    @AfterAll
    static void stop() {
        server.close();
        database.close();
    }

    @Test
    void nothingIsLostWhileTheBrokerIsDownAndEverythingIsPublishedOnceItIsBack() throws Exception {
        String run = UUID.randomUUID().toString();
        StringBuilder rss = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>"
                + "<link>https://down.example.org/</link><description>d</description>");
        for (int i = 0; i < 5; i++) {
            rss.append("<item><title>Story ").append(i).append("</title><link>https://down.example.org/")
                    .append(run).append('/').append(i).append("</link></item>");
        }
        server.route("/down.xml", LoopbackFeedServer.bytes(rss.append("</channel></rss>").toString()
                .getBytes(StandardCharsets.UTF_8), "application/rss+xml"));
        Feed feed;
        try (PlainCollector down = new PlainCollector(database.dataSource(), "127.0.0.1:" + closedPort(),
                FAST_FAILURE)) {
            feed = down.repository.insert(new FeedRepository.NewFeed(server.url("/down.xml"), null, 300)).orElseThrow();
            PollOutcome outcome = down.poller.poll(claim(down, "instance-a"), "instance-a");

            assertEquals(PollOutcome.Result.FAILED, outcome.result());
            assertEquals(FeedPoller.STAGE_PUBLISH, outcome.stage());
            assertEquals(FeedPoller.PUBLISH_FAILED, outcome.errorKind());
            assertEquals(0, seenItems());
            Feed failed = down.repository.find(feed.id()).orElseThrow();
            assertEquals("PUBLISH_FAILED", failed.lastErrorKind());
            assertTrue(failed.lastErrorMessage().startsWith("the broker did not acknowledge the new articles (0 of 5"),
                    failed.lastErrorMessage());
            assertNull(failed.etag(), "validators not stored: the next poll must not get a 304");
            assertEquals(0, failed.itemsSeen());
            // The feed was fine; the broker was not: the next try comes after the 1-minute floor (plus up to 10 %
            // jitter), not after the feed's 5-minute interval or a back-off from it.
            Duration untilNext = Duration.between(Instant.now(), failed.nextPollAt());
            assertTrue(untilNext.compareTo(Duration.ofSeconds(50)) > 0 && untilNext.compareTo(Duration.ofSeconds(67)) < 0,
                    "next poll in " + untilNext);

            assertTrue(down.health.degraded());
            HealthCheckResponse readiness = new PublishingHealthCheck(down.health).call();
            assertEquals(HealthCheckResponse.Status.DOWN, readiness.getStatus());
            assertTrue(readiness.getData().orElseThrow().get("state").toString().startsWith("degraded"));
        }

        try (PlainCollector back = new PlainCollector(database.dataSource(), KafkaBroker.shared().bootstrapServers(),
                Map.of())) {
            back.repository.makeDue(feed.id());
            PollOutcome outcome = back.poller.poll(claim(back, "instance-a"), "instance-a");

            assertEquals(PollOutcome.Result.NEW_ITEMS, outcome.result(), String.valueOf(outcome));
            assertEquals(5, outcome.published());
            assertEquals(5, seenItems());
            assertFalse(back.health.degraded());
            assertEquals(HealthCheckResponse.Status.UP, new PublishingHealthCheck(back.health).call().getStatus());
            assertEquals("ok", back.repository.find(feed.id()).map(f -> f.consecutiveFailures() == 0 ? "ok" : "failing")
                    .orElseThrow());
        }
        List<String> published = ArticlesTopic.ofFeed(feed.id().toString()).stream()
                .map(p -> p.article().url()).toList();
        assertEquals(5, published.size(), "each item once: " + published);
        Set<String> distinct = published.stream().collect(Collectors.toSet());
        assertEquals(5, distinct.size());
    }

    private static Feed claim(PlainCollector collector, String owner) {
        List<Feed> claimed = collector.leases.claim(owner, 10, Duration.ofMinutes(1));
        assertEquals(1, claimed.size());
        return claimed.get(0);
    }

    private static int seenItems() throws SQLException {
        try (Connection c = database.dataSource().getConnection();
                ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM seen_item")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
