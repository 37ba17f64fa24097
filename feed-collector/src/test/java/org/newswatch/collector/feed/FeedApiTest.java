package org.newswatch.collector.feed;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.newswatch.testkit.WithTestInfrastructure;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The registry API: CRUD, validation errors as problems, the service key on every change, OPML in and out.
 * URLs point at unused loopback ports: registering a feed never fetches it here (polling tests do that).
 */
@QuarkusTest
@WithTestInfrastructure
class FeedApiTest {

    static final String KEY = "Bearer test-service-key";
    static final String PROBLEM = "application/problem+json";

    static RequestSpecification admin() {
        return given().header("Authorization", KEY);
    }

    static String add(String url) {
        return admin().contentType(ContentType.JSON).body(Map.of("url", url))
                .when().post("/api/v1/feeds").then().statusCode(201).extract().path("id");
    }

    @Test
    void addGetUpdateAndDeleteAFeed() {
        var created = admin().contentType(ContentType.JSON)
                .body(Map.of("url", "HTTP://LocalHost:80/crud/feed.xml#top", "pollIntervalSeconds", 600,
                        "title", "  CRUD feed "))
                .when().post("/api/v1/feeds")
                .then().statusCode(201)
                .body("url", equalTo("http://localhost/crud/feed.xml"))
                .body("title", equalTo("CRUD feed"))
                .body("pollIntervalSeconds", equalTo(600))
                .body("enabled", equalTo(true))
                .body("health.consecutiveFailures", equalTo(0))
                .body("health.itemsSeen", equalTo(0))
                .body("health.nextPollAt", notNullValue())
                .extract().response();
        String id = created.path("id");
        assertTrue(created.header("Location").endsWith("/api/v1/feeds/" + id), created.header("Location"));

        given().get("/api/v1/feeds/" + id).then().statusCode(200).body("id", equalTo(id));

        admin().contentType(ContentType.JSON).body(Map.of("title", "Renamed", "pollIntervalSeconds", 120,
                "enabled", false))
                .when().patch("/api/v1/feeds/" + id)
                .then().statusCode(200)
                .body("title", equalTo("Renamed"))
                .body("pollIntervalSeconds", equalTo(120))
                .body("enabled", equalTo(false))
                .body("disabledReason", equalTo("disabled by an admin"))
                .body("health.status", equalTo("disabled"));

        admin().contentType(ContentType.JSON).body(Map.of("enabled", true))
                .when().patch("/api/v1/feeds/" + id)
                .then().statusCode(200).body("enabled", equalTo(true)).body("disabledReason", nullValue());

        admin().when().delete("/api/v1/feeds/" + id).then().statusCode(204);
        given().get("/api/v1/feeds/" + id).then().statusCode(404).contentType(PROBLEM)
                .body("status", equalTo(404)).body("detail", equalTo("no feed with id " + id));
    }

    @Test
    void theSameFeedTwiceIsAConflict() {
        String id = add("http://127.0.0.1:9/dup/feed.xml");
        admin().contentType(ContentType.JSON).body(Map.of("url", "http://127.0.0.1:9/dup/feed.xml#again"))
                .when().post("/api/v1/feeds")
                .then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("urn:newswatch:problem:duplicate-feed"))
                .body("title", equalTo("Conflict"))
                .body("detail", containsString("is registered already"))
                .body("feedId", equalTo(id));
    }

    @Test
    void invalidRequestsAreProblems() {
        record Case(Object body, String type, String detail) {
        }
        List<Case> cases = List.of(
                new Case(Map.of(), "invalid-feed-url", "a feed URL is required"),
                new Case(Map.of("url", "not a url"), "invalid-feed-url", "not a valid URL"),
                new Case(Map.of("url", "/relative/feed.xml"), "invalid-feed-url", "not an absolute URL"),
                new Case(Map.of("url", "file:///etc/passwd"), "invalid-feed-url", "the scheme file: is refused"),
                new Case(Map.of("url", "ftp://127.0.0.1/feed.xml"), "invalid-feed-url", "the scheme ftp: is refused"),
                new Case(Map.of("url", "jar:file:/x.jar!/feed.xml"), "invalid-feed-url", "the scheme jar: is refused"),
                new Case(Map.of("url", "https://user:secret@example.org/feed"), "invalid-feed-url",
                        "with a user name or password are refused"),
                new Case(Map.of("url", "http://127.0.0.1:9/iv.xml", "pollIntervalSeconds", 59),
                        "invalid-poll-interval", "between 60 and 86400, got 59"),
                new Case(Map.of("url", "http://127.0.0.1:9/iv.xml", "pollIntervalSeconds", 90_000),
                        "invalid-poll-interval", "got 90000"),
                new Case(Map.of("url", "http://127.0.0.1:9/iv.xml", "pollIntervalSeconds", "often"),
                        "validation", "pollIntervalSeconds: expected a number"),
                // A misspelt field is refused, not ignored: the feed would silently get the default interval.
                new Case(Map.of("url", "http://127.0.0.1:9/iv.xml", "pollIntervall", 600),
                        "validation", "pollIntervall: unknown field; known fields: "));
        for (Case c : cases) {
            admin().contentType(ContentType.JSON).body(c.body())
                    .when().post("/api/v1/feeds")
                    .then().statusCode(400).contentType(PROBLEM)
                    .body("type", equalTo("urn:newswatch:problem:" + c.type()))
                    .body("status", equalTo(400))
                    .body("detail", containsString(c.detail()));
        }
        admin().contentType(ContentType.JSON).body("{\"url\": ")
                .when().post("/api/v1/feeds")
                .then().statusCode(400).contentType(PROBLEM).body("type", equalTo("urn:newswatch:problem:malformed-body"))
                .body("detail", containsString("not valid JSON"));
        admin().contentType(ContentType.JSON).when().post("/api/v1/feeds")
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("body"));
        given().queryParam("limit", 0).get("/api/v1/feeds").then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:newswatch:problem:invalid-limit"));
        given().queryParam("cursor", "%%%").get("/api/v1/feeds").then().statusCode(400).contentType(PROBLEM);
        given().get("/api/v1/feeds/not-a-uuid").then().statusCode(404).contentType(PROBLEM)
                .body("type", equalTo("urn:newswatch:problem:not-found"));
    }

    @Test
    void everyChangeNeedsTheServiceKey() {
        String id = add("http://127.0.0.1:9/auth/feed.xml");
        Map<String, String> wrong = Map.of("Authorization", "Bearer wrong-key");
        for (Map<String, String> headers : List.of(Map.<String, String>of(), wrong)) {
            given().headers(headers).contentType(ContentType.JSON).body(Map.of("url", "http://127.0.0.1:9/x.xml"))
                    .post("/api/v1/feeds").then().statusCode(401).contentType(PROBLEM)
                    .body("type", equalTo("urn:newswatch:problem:unauthorized"))
                    .header("WWW-Authenticate", containsString("Bearer"));
            given().headers(headers).contentType(ContentType.JSON).body(Map.of("title", "x"))
                    .patch("/api/v1/feeds/" + id).then().statusCode(401);
            given().headers(headers).delete("/api/v1/feeds/" + id).then().statusCode(401);
            given().headers(headers).post("/api/v1/feeds/" + id + "/poll").then().statusCode(401);
            given().headers(headers).contentType("text/x-opml").body("<opml/>")
                    .post("/api/v1/feeds/import").then().statusCode(401);
            given().headers(headers).contentType(ContentType.JSON).body(Map.of("url", "http://127.0.0.1:9/x.xml"))
                    .post("/api/v1/feeds/preview").then().statusCode(401);
        }
        given().get("/api/v1/feeds/" + id).then().statusCode(200).body("title", nullValue());
        given().get("/api/v1/feeds").then().statusCode(200);
        given().get("/api/v1/feeds/export").then().statusCode(200);
    }

    @Test
    void listsPageThroughEveryFeedWithACursor() {
        for (int i = 0; i < 7; i++) {
            add("http://127.0.0.1:9/page/feed-" + i + ".xml");
        }
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/v1/feeds").then().statusCode(200).extract().jsonPath();
            List<String> urls = page.getList("items.url");
            assertTrue(urls.size() <= 3);
            for (String url : urls) {
                assertTrue(seen.add(url), "each feed once: " + url);
            }
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertTrue(seen.containsAll(java.util.stream.IntStream.range(0, 7)
                .mapToObj(i -> "http://127.0.0.1:9/page/feed-" + i + ".xml").toList()), "all pages: " + seen);
        assertTrue(pages >= 3);
        // The last page has no cursor at all, not a null one.
        given().queryParam("limit", 500).get("/api/v1/feeds").then().body("$", not(org.hamcrest.Matchers.hasKey("nextCursor")));
    }

    @Test
    void opmlImportTakesNestedOutlinesAndExportGivesThemBack() {
        String opml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <opml version="1.0">
                  <head><title>NGO reading list</title></head>
                  <body>
                    <outline text="Courts">
                      <outline text="Court A" type="rss" xmlUrl="http://127.0.0.1:9/opml/court-a.xml" htmlUrl="https://court-a.example.org/"/>
                      <outline text="Regional">
                        <outline title="Court B" text="ignored" xmlurl="http://127.0.0.1:9/opml/court-b.xml"/>
                      </outline>
                    </outline>
                    <outline text="Bad one" xmlUrl="ftp://127.0.0.1/opml.xml"/>
                    <outline text="A folder without feeds"/>
                  </body>
                </opml>
                """;
        var report = admin().contentType("text/x-opml").body(opml.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/feeds/import")
                .then().statusCode(200)
                .body("added", hasSize(2))
                .body("added.title", hasItem("Court B"))
                .body("rejected", hasSize(1))
                .body("rejected[0].url", equalTo("ftp://127.0.0.1/opml.xml"))
                .body("rejected[0].reason", containsString("ftp: is refused"))
                .extract().jsonPath();
        assertEquals(List.of(), report.getList("existing"));

        // Importing again changes nothing.
        admin().contentType("text/x-opml").body(opml.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/feeds/import")
                .then().statusCode(200).body("added", hasSize(0)).body("existing", hasSize(2));

        String exported = given().get("/api/v1/feeds/export").then().statusCode(200)
                .contentType(containsString("text/x-opml")).extract().asString();
        assertTrue(exported.contains("<opml version=\"2.0\">"), exported);
        assertTrue(exported.contains("xmlUrl=\"http://127.0.0.1:9/opml/court-a.xml\""), exported);
        assertTrue(exported.contains("text=\"Court B\""), exported);

        // The export reads back as the same feeds.
        List<String> urls;
        try {
            urls = OpmlReader.read(exported.getBytes(StandardCharsets.UTF_8)).stream().map(OpmlOutline::xmlUrl).toList();
        } catch (OpmlFormatException e) {
            throw new AssertionError(e);
        }
        assertTrue(urls.containsAll(List.of("http://127.0.0.1:9/opml/court-a.xml", "http://127.0.0.1:9/opml/court-b.xml")));
    }

    @Test
    void opmlThatIsNotUsableIsAProblem() {
        record Case(String body, String detail) {
        }
        for (Case c : List.of(
                new Case("", "the body is empty"),
                new Case("<html><body>hi</body></html>", "the root element is <html>"),
                new Case("<opml><body><outline xmlUrl='http://x/'>", "malformed OPML"),
                new Case("<?xml version=\"1.0\"?><!DOCTYPE opml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                        + "<opml><body><outline text=\"&x;\" xmlUrl=\"http://127.0.0.1:9/xxe.xml\"/></body></opml>",
                        "OPML with a DOCTYPE is refused")))   {
            admin().contentType("application/xml").body(c.body().getBytes(StandardCharsets.UTF_8))
                    .when().post("/api/v1/feeds/import")
                    .then().statusCode(400).contentType(PROBLEM)
                    .body("type", equalTo("urn:newswatch:problem:invalid-opml"))
                    .body("detail", containsString(c.detail()));
        }
        given().get("/api/v1/feeds").then().body("items.url", not(hasItem("http://127.0.0.1:9/xxe.xml")));
    }
}
