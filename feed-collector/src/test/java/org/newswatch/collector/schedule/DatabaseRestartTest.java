package org.newswatch.collector.schedule;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.newswatch.collector.FeedsApi.add;
import static org.newswatch.collector.FeedsApi.admin;
import static org.newswatch.collector.FeedsApi.awaitPolled;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newswatch.collector.ArticlesTopic;
import org.newswatch.collector.LoopbackFeedServer;
import org.newswatch.testkit.DatabaseOutage;
import org.newswatch.testkit.ServiceAssertions;
import org.newswatch.testkit.WithTestInfrastructure;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The collector while its database restarts: for about five seconds open connections are ended and new ones
 * refused, while a feed falls due and a client calls the API.
 * <ul>
 * <li>The feed due during the outage is not claimed (the scheduler's claims fail and are logged) and is polled once
 * the database is back, by the same scheduler: it recovers by itself, without a restart. Its new items are
 * published once each, the ones seen before the outage not again.</li>
 * <li>API calls during the outage answer {@code 503} {@code application/problem+json} of type
 * {@code database-unavailable} with a {@code Retry-After}, not a 500; readiness reports the database DOWN during
 * the outage and UP after it.</li>
 * </ul>
 */
@QuarkusTest
@WithTestInfrastructure
class DatabaseRestartTest {

    private static final Duration OUTAGE = Duration.ofSeconds(5);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static LoopbackFeedServer server;

    @Inject
    DataSource dataSource;

    @BeforeAll
    static void start() {
        server = new LoopbackFeedServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aFeedDueWhileTheDatabaseRestartsIsPolledAfterItAndItsNewItemsPublishedOnce() throws Exception {
        String run = UUID.randomUUID().toString();
        AtomicReference<byte[]> body = new AtomicReference<>(rss(run, 2));
        server.route("/restart.xml", exchange -> LoopbackFeedServer.respond(exchange, 200, "application/rss+xml",
                body.get()));
        String id = add(server.url("/restart.xml"));
        String firstPoll = awaitPolled(id).getString("health.lastPolledAt");
        // Three new items, and the feed falls due a second into the outage.
        body.set(rss(run, 5));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement due = connection.prepareStatement(
                        "UPDATE feed SET next_poll_at = now() + interval '1 second' WHERE id = ?")) {
            due.setObject(1, UUID.fromString(id));
            assertEquals(1, due.executeUpdate());
        }

        try (DatabaseOutage outage = DatabaseOutage.begin(OUTAGE)) {
            ServiceAssertions.assertDatabaseUnavailable(admin().get("/api/v1/feeds/" + id));
            ServiceAssertions.assertDatabaseUnavailable(admin().post("/api/v1/feeds/" + id + "/poll"));
            ServiceAssertions.awaitDatabaseReadiness("DOWN", OUTAGE);
            // Past the moment the feed fell due, nothing was fetched: no claim while the database is away.
            await("no poll while the database is away").during(Duration.ofSeconds(2)).atMost(OUTAGE)
                    .until(() -> server.received("/restart.xml").size() == 1);
        }

        awaitPolled(id, firstPoll);
        assertEquals(2, server.received("/restart.xml").size(), "polled once after the outage, by the scheduler");
        List<String> published = ArticlesTopic.ofFeed(id).stream().map(p -> p.article().url()).sorted().toList();
        assertEquals(5, published.size(), "each item once: " + published);
        assertEquals(5, published.stream().distinct().count(), "each item once: " + published);
        ServiceAssertions.awaitDatabaseReadiness("UP", PATIENCE);
    }

    private static byte[] rss(String run, int items) {
        StringBuilder rss = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Restart"
                + "</title><link>https://restart.example.org/</link><description>d</description>");
        for (int i = 0; i < items; i++) {
            rss.append("<item><title>Story ").append(i).append("</title><link>https://restart.example.org/")
                    .append(run).append('/').append(i).append("</link></item>");
        }
        return rss.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8);
    }
}
