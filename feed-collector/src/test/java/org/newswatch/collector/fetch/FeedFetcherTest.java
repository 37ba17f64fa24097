package org.newswatch.collector.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.newswatch.collector.LoopbackFeedServer.bytes;
import static org.newswatch.collector.LoopbackFeedServer.fixture;
import static org.newswatch.collector.LoopbackFeedServer.redirect;
import static org.newswatch.collector.LoopbackFeedServer.status;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.newswatch.collector.CollectorConfigs;
import org.newswatch.collector.LoopbackFeedServer;
import org.newswatch.security.OutboundUrlGuard;

/** The fetcher against a real HTTP server on loopback that serves fixture feeds and misbehaves on purpose. */
class FeedFetcherTest {

    static final String RSS = "application/rss+xml; charset=utf-8";
    static LoopbackFeedServer server;
    static FeedFetcher fetcher;

    @BeforeAll
    static void start() {
        server = new LoopbackFeedServer();
        fetcher = fetcher(new OutboundUrlGuard(true), Map.of(
                "newswatch.collector.fetch.deadline", "3s",
                "newswatch.collector.fetch.max-body-bytes", "1048576",
                "newswatch.collector.fetch.project-url", "https://ngo.example.org/newswatch"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static FeedFetcher fetcher(OutboundUrlGuard guard, Map<String, String> config) {
        return new FeedFetcher(CollectorConfigs.of(FetchConfig.class, config), guard, "1.2.3");
    }

    @Test
    void fetchesAFeedWithAnHonestUserAgentAndKeepsItsValidators() throws Exception {
        server.route("/ok.xml", fixture("rss2.xml", RSS));
        FetchResponse response = fetcher.fetch(FetchRequest.unconditional(server.url("/ok.xml")));

        assertEquals(200, response.status());
        assertArrayEquals(LoopbackFeedServer.readFixture("rss2.xml"), response.body());
        assertEquals(RSS, response.contentType());
        assertTrue(response.etag().startsWith("\""), "the ETag to send next time");
        assertEquals("Mon, 02 Mar 2026 10:00:00 GMT", response.lastModified());
        var sent = server.received("/ok.xml").get(0).headers();
        assertEquals("newswatch-feed-collector/1.2.3 (+https://ngo.example.org/newswatch)", sent.getFirst("User-Agent"));
        assertTrue(sent.getFirst("Accept").contains("application/rss+xml"));
        assertEquals("gzip, deflate", sent.getFirst("Accept-Encoding"));
    }

    @Test
    void conditionalGetWithTheStoredValidatorsGetsNotModified() throws Exception {
        server.route("/cond.xml", fixture("rss2.xml", RSS));
        FetchResponse first = fetcher.fetch(FetchRequest.unconditional(server.url("/cond.xml")));
        FetchResponse second = fetcher.fetch(new FetchRequest(server.url("/cond.xml"), first.etag(), first.lastModified()));

        assertTrue(second.notModified());
        assertEquals(0, second.body().length);
        assertEquals(first.etag(), second.etag(), "validators carried over for the next poll");
        var sent = server.received("/cond.xml").get(1).headers();
        assertEquals(first.etag(), sent.getFirst("If-None-Match"));
        assertEquals(first.lastModified(), sent.getFirst("If-Modified-Since"));
    }

    @Test
    void gzipAndDeflateBodiesAreDecoded() throws Exception {
        byte[] feed = LoopbackFeedServer.readFixture("rss2.xml");
        server.route("/gzip.xml", LoopbackFeedServer.gzipped(feed, RSS));
        server.route("/deflate.xml", exchange -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (DeflaterOutputStream deflate = new DeflaterOutputStream(out)) {
                deflate.write(feed);
            }
            exchange.getResponseHeaders().set("Content-Encoding", "deflate");
            LoopbackFeedServer.respond(exchange, 200, RSS, out.toByteArray());
        });

        assertArrayEquals(feed, fetcher.fetch(FetchRequest.unconditional(server.url("/gzip.xml"))).body());
        assertArrayEquals(feed, fetcher.fetch(FetchRequest.unconditional(server.url("/deflate.xml"))).body());
    }

    @Test
    void aGzipBombIsCutAtTheCapOnceDecompressed() throws IOException {
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bomb)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 4; i++) {
                gzip.write(zeros);
            }
        }
        server.route("/bomb.xml", exchange -> {
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            LoopbackFeedServer.respond(exchange, 200, RSS, bomb.toByteArray());
        });
        FetchException e = assertThrows(FetchException.class,
                () -> fetcher.fetch(FetchRequest.unconditional(server.url("/bomb.xml"))));
        assertEquals(FetchErrorKind.BODY_TOO_LARGE, e.kind());
        assertTrue(e.getMessage().contains("decompresses to more than 1048576 bytes"), e.getMessage());
    }

    @Test
    void aCorruptGzipBodyIsABadContentEncoding() {
        server.route("/corrupt.xml", exchange -> {
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            LoopbackFeedServer.respond(exchange, 200, RSS, "not gzip at all".getBytes(StandardCharsets.UTF_8));
        });
        assertEquals(FetchErrorKind.BAD_CONTENT_ENCODING, failure("/corrupt.xml").kind());
    }

    @Test
    void statusErrorsHaveTheirKindAndStatus() {
        server.route("/gone.xml", status(410, Map.of()));
        server.route("/denied.xml", status(403, Map.of()));
        server.route("/teapot.xml", status(418, Map.of()));

        FetchException missing = failure("/nowhere.xml");
        assertEquals(FetchErrorKind.NOT_FOUND, missing.kind());
        assertEquals(404, missing.status());
        assertEquals("HTTP 404 from " + server.url("/nowhere.xml"), missing.getMessage());
        assertEquals(FetchErrorKind.GONE, failure("/gone.xml").kind());
        assertEquals(FetchErrorKind.ACCESS_DENIED, failure("/denied.xml").kind());
        assertEquals(FetchErrorKind.CLIENT_ERROR, failure("/teapot.xml").kind());
    }

    @Test
    void retryAfterIsReadFromSecondsAndFromAnHttpDate() {
        server.route("/busy.xml", status(429, Map.of("Retry-After", "120")));
        server.route("/down.xml", status(503, Map.of("Retry-After", "Wed, 21 Oct 2099 07:28:00 GMT")));

        FetchException busy = failure("/busy.xml");
        assertEquals(FetchErrorKind.RATE_LIMITED, busy.kind());
        assertEquals(Duration.ofSeconds(120), busy.retryAfter());
        assertTrue(busy.getMessage().endsWith("the server asks to retry after 120 s"), busy.getMessage());

        FetchException down = failure("/down.xml");
        assertEquals(FetchErrorKind.SERVER_ERROR, down.kind());
        assertEquals(503, down.status());
        assertTrue(down.retryAfter().toDays() > 365, "an HTTP-date far ahead: " + down.retryAfter());
    }

    @Test
    void aPermanentRedirectReportsWhereTheFeedMoved() throws Exception {
        server.route("/old.xml", redirect(301, "/moved.xml"));
        server.route("/moved.xml", redirect(308, server.url("/new.xml")));
        server.route("/new.xml", fixture("rss2.xml", RSS));

        FetchResponse response = fetcher.fetch(FetchRequest.unconditional(server.url("/old.xml")));
        assertEquals(200, response.status());
        assertEquals(server.url("/new.xml"), response.finalUrl().toString());
        assertEquals(server.url("/new.xml"), response.permanentUrl());
    }

    @Test
    void aTemporaryRedirectKeepsTheRegisteredUrl() throws Exception {
        server.route("/tmp.xml", redirect(302, "/tmp-target.xml"));
        server.route("/tmp-target.xml", fixture("rss2.xml", RSS));

        FetchResponse response = fetcher.fetch(FetchRequest.unconditional(server.url("/tmp.xml")));
        assertEquals(server.url("/tmp-target.xml"), response.finalUrl().toString());
        assertNull(response.permanentUrl());
    }

    @Test
    void aRedirectLoopIsRecognised() {
        server.route("/loop-a.xml", redirect(302, "/loop-b.xml"));
        server.route("/loop-b.xml", redirect(301, "/loop-a.xml#again"));
        FetchException e = failure("/loop-a.xml");
        assertEquals(FetchErrorKind.REDIRECT_LOOP, e.kind());
        assertTrue(e.getMessage().contains("leads back to " + server.url("/loop-a.xml")), e.getMessage());
    }

    @Test
    void redirectsStopAtTheLimit() {
        for (int i = 0; i < 8; i++) {
            server.route("/hop" + i + ".xml", redirect(307, "/hop" + (i + 1) + ".xml"));
        }
        FetchException e = failure("/hop0.xml");
        assertEquals(FetchErrorKind.TOO_MANY_REDIRECTS, e.kind());
        assertTrue(e.getMessage().startsWith("more than 5 redirects"), e.getMessage());
    }

    @Test
    void everyRedirectHopPassesTheGuard() {
        server.route("/to-file.xml", redirect(302, "file:///etc/passwd"));
        FetchException e = failure("/to-file.xml");
        assertEquals(FetchErrorKind.REFUSED_URL, e.kind());
        assertTrue(e.getMessage().contains("'file:' is not allowed"), e.getMessage());
    }

    @Test
    void aBodyThatNeverEndsIsCutAtTheCap() {
        server.route("/endless.xml", LoopbackFeedServer.endless());
        FetchException e = failure("/endless.xml");
        assertEquals(FetchErrorKind.BODY_TOO_LARGE, e.kind());
        assertTrue(e.getMessage().contains("larger than the cap of 1048576 bytes"), e.getMessage());
    }

    @Test
    void aBodyAnnouncedLargerThanTheCapIsRefusedUnread() {
        server.route("/huge.xml", bytes(new byte[2 * 1024 * 1024], RSS));
        assertEquals(FetchErrorKind.BODY_TOO_LARGE, failure("/huge.xml").kind());
    }

    @Test
    void aTricklingServerEndsAtTheDeadline() {
        server.route("/trickle.xml", LoopbackFeedServer.trickling());
        FetchException e = failure("/trickle.xml");
        assertEquals(FetchErrorKind.TIMEOUT, e.kind());
        assertTrue(e.getMessage().contains("within 3 s (the fetch deadline)"), e.getMessage());
    }

    @Test
    void aClosedPortIsAConnectFailure() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        FetchException e = assertThrows(FetchException.class,
                () -> fetcher.fetch(FetchRequest.unconditional("http://127.0.0.1:" + closedPort + "/feed.xml")));
        assertEquals(FetchErrorKind.CONNECT_FAILED, e.kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://127.0.0.1/feed.xml", "jar:file:/tmp/x.jar!/feed.xml",
            "gopher://127.0.0.1/feed"})
    void onlyHttpAndHttpsAreFetched(String url) {
        FetchException e = assertThrows(FetchException.class, () -> fetcher.fetch(FetchRequest.unconditional(url)));
        assertEquals(FetchErrorKind.REFUSED_URL, e.kind());
        assertTrue(e.getMessage().contains("is not allowed; only http and https are"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9/feed.xml", "http://169.254.169.254/latest/meta-data/",
            "http://10.1.2.3/rss", "http://[::1]/feed", "http://localhost/feed"})
    void productionRefusesPrivateLoopbackAndMetadataAddressesBeforeConnecting(String url) {
        FeedFetcher production = fetcher(new OutboundUrlGuard(false), Map.of());
        FetchException e = assertThrows(FetchException.class, () -> production.fetch(FetchRequest.unconditional(url)));
        assertEquals(FetchErrorKind.REFUSED_URL, e.kind());
        assertTrue(e.getMessage().contains("only public addresses are allowed"), e.getMessage());
    }

    private static FetchException failure(String path) {
        return assertThrows(FetchException.class, () -> fetcher.fetch(FetchRequest.unconditional(server.url(path))));
    }
}
