package org.newswatch.collector.poll;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.newswatch.collector.FeedsApi.add;
import static org.newswatch.collector.FeedsApi.awaitPolled;
import static org.newswatch.collector.FeedsApi.feed;
import static org.newswatch.collector.FeedsApi.pollNowAndWait;
import static org.newswatch.collector.LoopbackFeedServer.fixture;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newswatch.collector.ArticlesTopic;
import org.newswatch.collector.ArticlesTopic.Published;
import org.newswatch.collector.LoopbackFeedServer;
import org.newswatch.contracts.EventTypes;
import org.newswatch.testkit.WithTestInfrastructure;

import com.sun.net.httpserver.HttpHandler;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * End to end on the real broker and database: feeds added through the API are polled at once, their articles reach
 * {@code news.articles.v1} exactly once, and every misbehaving feed gets a clear error while the others go on.
 */
@QuarkusTest
@WithTestInfrastructure
class FeedPollingTest {

    static final String RSS = "application/rss+xml; charset=utf-8";
    static LoopbackFeedServer server;

    @BeforeAll
    static void start() {
        server = new LoopbackFeedServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Article ids → how many records carry them, over the whole topic. */
    static Map<String, Long> recordsPerArticle() {
        return ArticlesTopic.all().stream().collect(Collectors.groupingBy(p -> p.article().id(), Collectors.counting()));
    }

    @Test
    void aFeedAddedThroughTheApiIsPolledAtOnceAndEachArticlePublishedOnce() {
        server.route("/e2e/justice.xml", fixture("rss2.xml", RSS));
        String id = add(server.url("/e2e/justice.xml"));

        JsonPath feed = awaitPolled(id);
        assertEquals("ok", feed.getString("health.status"), feed.prettify());
        assertEquals(3, feed.getInt("health.itemsSeen"));
        assertEquals(200, feed.getInt("health.lastHttpStatus"));
        assertEquals("Justice Watch (fixture)", feed.getString("title"), "the feed's own title fills an empty one");
        assertEquals("rss-2.0", feed.getString("format"));

        List<Published> records = ArticlesTopic.ofFeed(id);
        assertEquals(3, records.size());
        Published first = records.stream().filter(r -> "jw-1001".equals(r.article().guid())).findFirst().orElseThrow();
        assertEquals(first.article().id(), first.key(), "keyed by article id");
        assertEquals(first.article().id(), first.headers().get("ce_id"));
        assertEquals(EventTypes.ARTICLE_COLLECTED, first.headers().get("ce_type"));
        assertEquals("/newswatch/feed-collector", first.headers().get("ce_source"));
        assertEquals("https://justice.example.org/2026/03/judges-sanctioned", first.article().canonicalUrl());
        assertFalse(first.article().content().contains("<"), "plain text: " + first.article().content());
        assertFalse(first.article().content().contains("alert(1)"), "scripts dropped: " + first.article().content());

        // The next poll sends the validators, gets a 304 and publishes nothing.
        JsonPath again = pollNowAndWait(id);
        assertEquals(304, again.getInt("health.lastHttpStatus"));
        assertEquals(3, again.getInt("health.itemsSeen"));
        var second = server.received("/e2e/justice.xml").get(1).headers();
        assertTrue(second.getFirst("If-None-Match") != null, "conditional GET");
        assertTrue(second.getFirst("User-Agent").startsWith("newswatch-feed-collector/"));
        Map<String, Long> counts = recordsPerArticle();
        records.forEach(r -> assertEquals(1L, counts.get(r.article().id()), "published once: " + r.article().id()));
    }

    @Test
    void aReorderedReDatedFeedPublishesNothingNew() {
        AtomicReference<HttpHandler> current = new AtomicReference<>(fixture("rss2.xml", RSS));
        server.route("/e2e/reordered.xml", exchange -> current.get().handle(exchange));
        String id = add(server.url("/e2e/reordered.xml"));
        awaitPolled(id);
        Set<String> ids = Set.copyOf(recordsPerArticle().keySet());

        current.set(fixture("rss2-reordered.xml", RSS));
        JsonPath feed = pollNowAndWait(id);
        assertEquals(200, feed.getInt("health.lastHttpStatus"), "a changed body, read in full");
        assertEquals("ok", feed.getString("health.status"));
        Map<String, Long> counts = recordsPerArticle();
        assertEquals(ids, counts.keySet(), "no new article id: reordering, re-dating and tracking parameters "
                + "change nothing");
        counts.forEach((article, count) -> assertEquals(1L, count, "published once: " + article));
    }

    @Test
    void oneStoryInTwoFeedsIsPublishedOnce() {
        server.route("/e2e/first-source.xml", fixture("rss2.xml", RSS));
        server.route("/e2e/second-source.xml", fixture("atom-shared.xml", "application/atom+xml"));
        String first = add(server.url("/e2e/first-source.xml"));
        String second = add(server.url("/e2e/second-source.xml"));
        awaitPolled(first);
        awaitPolled(second);

        Map<String, Long> counts = recordsPerArticle();
        List<Published> all = ArticlesTopic.all();
        List<Published> story = all.stream().filter(p -> "https://justice.example.org/2026/03/judges-sanctioned"
                .equals(p.article().canonicalUrl())).toList();
        assertEquals(1, story.size(), "the shared story once, whichever feed carried it first");
        assertEquals(1, all.stream().filter(p -> "https://veille.example.net/2026/03/reforme"
                .equals(p.article().canonicalUrl())).count(), "the second feed's own story is published, once");
        assertEquals("ok", feed(second).getString("health.status"));
        counts.forEach((article, count) -> assertEquals(1L, count, "published once: " + article));
    }

    @Test
    void aFeedWithTenThousandItemsIsPublishedOnceInFull() {
        StringBuilder rss = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"
                + "<title>Ten thousand</title><link>https://bulk.example.org/</link><description>d</description>");
        for (int i = 0; i < 10_000; i++) {
            rss.append("<item><title>Item ").append(i).append("</title><link>https://bulk.example.org/item/")
                    .append(i).append("</link></item>");
        }
        server.route("/e2e/ten-thousand.xml", LoopbackFeedServer.bytes(rss.append("</channel></rss>").toString()
                .getBytes(StandardCharsets.UTF_8), RSS));
        String id = add(server.url("/e2e/ten-thousand.xml"));
        JsonPath feed = awaitPolled(id);
        assertEquals("ok", feed.getString("health.status"), feed.prettify());
        assertEquals(10_000, feed.getInt("health.itemsSeen"));
        assertEquals(10_000, ArticlesTopic.ofFeed(id).size());
    }

    @Test
    void everyBadFeedGetsAClearErrorAndTheOthersKeepBeingPolled() {
        record Bad(String path, HttpHandler handler, String stage, String kind, String message) {
        }
        String loopTarget = "/bad/loop-b.xml";
        List<Bad> bad = List.of(
                new Bad("/bad/missing.xml", null, "fetch", "NOT_FOUND", "HTTP 404 from"),
                new Bad("/bad/busy.xml", LoopbackFeedServer.status(429, Map.of("Retry-After", "900")), "fetch",
                        "RATE_LIMITED", "retry after 900 s"),
                new Bad("/bad/down.xml", LoopbackFeedServer.status(503, Map.of("Retry-After", "1200")), "fetch",
                        "SERVER_ERROR", "HTTP 503"),
                new Bad("/bad/loop-a.xml", LoopbackFeedServer.redirect(302, loopTarget), "fetch", "REDIRECT_LOOP",
                        "redirect loop"),
                new Bad("/bad/endless.xml", LoopbackFeedServer.endless(), "fetch", "BODY_TOO_LARGE",
                        "larger than the cap"),
                new Bad("/bad/trickle.xml", LoopbackFeedServer.trickling(), "fetch", "TIMEOUT", "fetch deadline"),
                new Bad("/bad/page.html", fixture("not-a-feed.html", "text/html"), "parse", "NOT_A_FEED", ""),
                new Bad("/bad/malformed.xml", fixture("malformed.xml", RSS), "parse", "MALFORMED", ""),
                new Bad("/bad/xxe.xml", fixture("xxe.xml", RSS), "parse", "FORBIDDEN_DOCTYPE", ""),
                new Bad("/bad/bomb.xml", fixture("entity-bomb.xml", RSS), "parse", "FORBIDDEN_DOCTYPE", ""),
                new Bad("/bad/empty.xml", LoopbackFeedServer.bytes(new byte[0], RSS), "parse", "EMPTY_BODY", ""));
        server.route(loopTarget, LoopbackFeedServer.redirect(301, "/bad/loop-a.xml"));
        server.route("/bad/gone.xml", LoopbackFeedServer.status(410, Map.of()));
        server.route("/bad/old-home.xml", LoopbackFeedServer.redirect(301, "/bad/new-home.xml"));
        server.route("/bad/new-home.xml", fixture("ttl.xml", RSS));
        server.route("/bad/gzip.xml", LoopbackFeedServer.gzipped(LoopbackFeedServer.readFixture("atom-shared.xml"),
                "application/atom+xml"));
        bad.stream().filter(b -> b.handler() != null).forEach(b -> server.route(b.path(), b.handler()));

        Map<Bad, String> ids = bad.stream().collect(Collectors.toMap(Function.identity(),
                b -> add(server.url(b.path()))));
        String gone = add(server.url("/bad/gone.xml"));
        String moved = add(server.url("/bad/old-home.xml"));
        String gzip = add(server.url("/bad/gzip.xml"));

        for (var entry : ids.entrySet()) {
            Bad b = entry.getKey();
            JsonPath feed = awaitPolled(entry.getValue());
            assertEquals("failing", feed.getString("health.status"), b.path() + ": " + feed.prettify());
            assertEquals(b.stage(), feed.getString("health.lastError.stage"), b.path());
            assertEquals(b.kind(), feed.getString("health.lastError.kind"), b.path());
            assertTrue(feed.getString("health.lastError.message").contains(b.message()), b.path() + ": "
                    + feed.getString("health.lastError.message"));
            assertEquals(1, feed.getInt("health.consecutiveFailures"));
            assertTrue(feed.getBoolean("enabled"), b.path() + " stays enabled");
        }

        // Retry-After is honoured by the next poll time.
        JsonPath busy = feed(ids.entrySet().stream().filter(e -> e.getKey().path().equals("/bad/busy.xml"))
                .findFirst().orElseThrow().getValue());
        assertTrue(Instant.parse(busy.getString("health.nextPollAt"))
                .isAfter(Instant.parse(busy.getString("health.lastPolledAt")).plusSeconds(899)), busy.prettify());
        assertEquals(429, busy.getInt("health.lastHttpStatus"));
        JsonPath down = feed(ids.entrySet().stream().filter(e -> e.getKey().path().equals("/bad/down.xml"))
                .findFirst().orElseThrow().getValue());
        assertTrue(Instant.parse(down.getString("health.nextPollAt"))
                .isAfter(Instant.parse(down.getString("health.lastPolledAt")).plusSeconds(1199)), down.prettify());

        // 410 disables the feed.
        JsonPath goneFeed = awaitPolled(gone);
        assertFalse(goneFeed.getBoolean("enabled"));
        assertEquals("disabled", goneFeed.getString("health.status"));
        assertEquals("GONE", goneFeed.getString("health.lastError.kind"));
        assertTrue(goneFeed.getString("disabledReason").contains("HTTP 410"), goneFeed.prettify());
        assertNull(goneFeed.get("health.nextPollAt"));

        // A permanent redirect moves the feed; the feed's ttl (2 h) stretches its interval.
        JsonPath movedFeed = awaitPolled(moved);
        assertEquals("ok", movedFeed.getString("health.status"), movedFeed.prettify());
        assertEquals(server.url("/bad/new-home.xml"), movedFeed.getString("url"));
        assertEquals(7200, movedFeed.getInt("effectivePollIntervalSeconds"));
        assertTrue(Duration.between(Instant.parse(movedFeed.getString("health.lastPolledAt")),
                Instant.parse(movedFeed.getString("health.nextPollAt"))).toSeconds() >= 7200);

        // The gzip-compressed feed, added with all the broken ones, is read and published.
        JsonPath gzipFeed = awaitPolled(gzip);
        assertEquals("ok", gzipFeed.getString("health.status"), gzipFeed.prettify());
        assertEquals("atom-1.0", gzipFeed.getString("format"));

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("newswatch_collector_polls_total{error_kind=\"NOT_FOUND\""))
                .body(containsString("error_kind=\"FORBIDDEN_DOCTYPE\""))
                .body(containsString("outcome=\"new_items\""))
                .body(containsString("newswatch_collector_articles_published_total"))
                .body(containsString("newswatch_collector_fetch_seconds_count"))
                .body(containsString("newswatch_collector_parse_seconds_count"))
                .body(containsString("newswatch_collector_feeds_due"))
                .body(containsString("newswatch_collector_feeds_overdue"));
    }
}
