package org.newswatch.collector.preview;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.newswatch.collector.FeedsApi.admin;
import static org.newswatch.collector.LoopbackFeedServer.fixture;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newswatch.collector.LoopbackFeedServer;
import org.newswatch.testkit.WithTestInfrastructure;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** {@code POST /feeds/preview}: the items as they would be published, or the precise reason a URL is unusable. */
@QuarkusTest
@WithTestInfrastructure
class FeedPreviewTest {

    static LoopbackFeedServer server;

    @BeforeAll
    static void start() {
        server = new LoopbackFeedServer()
                .route("/preview/ok.xml", fixture("rss2.xml", "application/rss+xml"))
                .route("/preview/page.html", fixture("not-a-feed.html", "text/html"))
                .route("/preview/xxe.xml", fixture("xxe.xml", "application/xml"))
                .route("/preview/malformed.xml", fixture("malformed.xml", "application/xml"))
                .route("/preview/empty.xml", LoopbackFeedServer.bytes(new byte[0], "application/xml"))
                .route("/preview/gone.xml", LoopbackFeedServer.status(410, Map.of()))
                .route("/preview/busy.xml", LoopbackFeedServer.status(429, Map.of("Retry-After", "60")))
                .route("/preview/loop.xml", LoopbackFeedServer.redirect(301, "/preview/loop.xml"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static io.restassured.response.ValidatableResponse preview(String url) {
        return admin().contentType(ContentType.JSON).body(Map.of("url", url))
                .when().post("/api/v1/feeds/preview").then();
    }

    @Test
    void showsTheItemsExactlyAsTheyWouldBePublishedAndStoresNothing() {
        String url = server.url("/preview/ok.xml");
        preview(url).statusCode(200)
                .body("url", equalTo(url))
                .body("feed.format", equalTo("rss-2.0"))
                .body("feed.title", equalTo("Justice Watch (fixture)"))
                .body("feed.language", equalTo("en"))
                .body("items", hasSize(3))
                .body("items[0].id", notNullValue())
                .body("items[0].title", equalTo("Court's judges sanctioned: staff fear for witness protection"))
                .body("items[0].link", equalTo(
                        "https://justice.example.org/2026/03/judges-sanctioned?utm_source=rss&utm_medium=feed"))
                .body("items[0].canonicalUrl", equalTo("https://justice.example.org/2026/03/judges-sanctioned"))
                .body("items[0].guid", equalTo("jw-1001"))
                .body("items[0].summary", equalTo("Sanctions against four judges take effect."))
                .body("items[0].publishedAt", equalTo("2026-03-02T09:30:00Z"))
                .body("items[2].canonicalUrl", equalTo("https://justice.example.org/2026/02/reparations"));
        given().queryParam("limit", 500).get("/api/v1/feeds").then().body("items.url", not(hasItem(url)));
    }

    @Test
    void eachUnusableUrlIsAProblemWithItsStageAndKind() {
        record Case(String path, String stage, String kind, String detail) {
        }
        List<Case> cases = List.of(
                new Case("/preview/nowhere.xml", "fetch", "NOT_FOUND", "HTTP 404"),
                new Case("/preview/gone.xml", "fetch", "GONE", "HTTP 410"),
                new Case("/preview/busy.xml", "fetch", "RATE_LIMITED", "retry after 60 s"),
                new Case("/preview/loop.xml", "fetch", "REDIRECT_LOOP", "redirect loop"),
                new Case("/preview/page.html", "parse", "NOT_A_FEED", ""),
                new Case("/preview/xxe.xml", "parse", "FORBIDDEN_DOCTYPE", ""),
                new Case("/preview/malformed.xml", "parse", "MALFORMED", ""),
                new Case("/preview/empty.xml", "parse", "EMPTY_BODY", "empty"));
        for (Case c : cases) {
            preview(server.url(c.path())).statusCode(422).contentType("application/problem+json")
                    .body("type", equalTo("urn:newswatch:problem:unusable-feed"))
                    .body("title", equalTo("Unprocessable Content"))
                    .body("status", equalTo(422))
                    .body("stage", equalTo(c.stage()))
                    .body("errorKind", equalTo(c.kind()))
                    .body("detail", containsString(c.detail()));
        }
        preview(server.url("/preview/busy.xml")).body("httpStatus", equalTo(429)).body("retryAfterSeconds", equalTo(60));
    }

    @Test
    void aClosedPortAndRefusedSchemesAreProblemsToo() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        preview("http://127.0.0.1:" + closed + "/feed.xml").statusCode(422)
                .body("errorKind", equalTo("CONNECT_FAILED"));
        for (String url : List.of("file:///etc/passwd", "ftp://127.0.0.1/feed.xml", "jar:file:/x.jar!/a.xml")) {
            preview(url).statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("urn:newswatch:problem:invalid-feed-url"))
                    .body("detail", containsString("only http and https feeds are polled"));
        }
        admin().contentType(ContentType.JSON).when().post("/api/v1/feeds/preview").then().statusCode(400);
        given().get("/api/v1/feeds").then().body("items.url", everyItem(not(containsString("/preview/"))));
    }
}
