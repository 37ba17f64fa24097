package org.newswatch.gateway.backend;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newswatch.gateway.backend.ServiceStub.Answer;
import org.newswatch.gateway.key.TestKeys;
import org.newswatch.testkit.WithTestInfrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;

/**
 * Commands reach the owning service (a real HTTP server on 127.0.0.1 standing in for it) with the service key and
 * the key owner, and its answers come back unchanged.
 */
@QuarkusTest
@WithTestInfrastructure
@QuarkusTestResource(ServiceStubs.class)
class BackendRoutingTest {

    static final String ADMIN = TestKeys.ADMIN;
    static final String SERVICE_KEY = "Bearer test-service-key";

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeEach
    void freshServices() {
        ServiceStubs.resetAll();
        breakers.resetAll();
    }

    static String newKey(String role, String owner) {
        return TestKeys.newKey(role, owner);
    }

    @Test
    void addFeedReachesCollectorWithServiceKeyAndAnswerComesBackUnchanged() {
        String id = UUID.randomUUID().toString();
        String feed = "{\"id\": \"" + id + "\", \"url\": \"https://example.org/rss\"}";
        ServiceStubs.COLLECTOR.answer("POST", "/api/v1/feeds", Answer.json(201, feed)
                .withHeader("Location", ServiceStubs.COLLECTOR.baseUrl() + "/api/v1/feeds/" + id));
        String sent = "{\"url\": \"https://example.org/rss\", \"pollIntervalSeconds\": 300}";

        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(sent)
                .when().post("/api/v1/feeds")
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .header("Location", endsWith("/api/v1/feeds/" + id))
                .header("Location", org.hamcrest.Matchers.not(containsString(
                        String.valueOf(ServiceStubs.COLLECTOR.baseUrl()))))
                .body("id", equalTo(id));

        ServiceStub.Received received = ServiceStubs.COLLECTOR.last();
        assertEquals("POST", received.method());
        assertEquals("/api/v1/feeds", received.path());
        assertEquals(SERVICE_KEY, received.header("Authorization"), "the service key, never the client's");
        assertEquals(sent, received.bodyText());
        assertTrue(received.header("Content-Type").startsWith("application/json"));
        assertNull(received.header("X-Newswatch-Owner"), "feeds have no owner");
    }

    @Test
    void clientKeyNeverReachesAService() {
        String reader = newKey("reader", null);
        given().header("Authorization", "Bearer " + reader).when().get("/api/v1/topics").then().statusCode(200);
        ServiceStub.Received received = ServiceStubs.CLASSIFIER.last();
        assertEquals(List.of(SERVICE_KEY), received.headerValues("Authorization"));
        assertTrue(received.headers().values().stream().flatMap(List::stream).noneMatch(v -> v.contains(reader)));
    }

    @Test
    void readerKeyCannotAddFeedsAndNothingIsForwarded() {
        String reader = newKey("reader", null);
        given().header("Authorization", "Bearer " + reader).contentType(ContentType.JSON)
                .body("{\"url\": \"https://example.org/rss\"}")
                .when().post("/api/v1/feeds")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:newswatch:problem:forbidden-role"))
                .body("detail", containsString("a reader key may not"));
        given().contentType(ContentType.JSON).body("{\"url\": \"https://example.org/rss\"}")
                .when().post("/api/v1/feeds")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"));
        assertTrue(ServiceStubs.COLLECTOR.received().isEmpty());
    }

    @Test
    void queryStringIsForwardedAsSent() {
        given().header("Authorization", ADMIN).queryParam("limit", "2").queryParam("cursor", "a/b+c")
                .when().get("/api/v1/feeds").then().statusCode(200);
        ServiceStub.Received received = ServiceStubs.COLLECTOR.last();
        assertEquals("/api/v1/feeds", received.path());
        assertTrue(received.query().contains("limit=2"), received.query());
        assertTrue(received.query().contains("cursor=a%2Fb%2Bc"), received.query());
    }

    @Test
    void serviceProblemPassesThroughUnchanged() {
        String problem = "{\"type\":\"urn:newswatch:problem:duplicate-feed\",\"title\":\"Conflict\",\"status\":409,"
                + "\"detail\":\"a feed with the URL https://example.org/rss exists\"}";
        ServiceStubs.COLLECTOR.answer("POST", "/api/v1/feeds", Answer.problem(409, problem));
        String answer = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"url\": \"https://example.org/rss\"}")
                .when().post("/api/v1/feeds")
                .then().statusCode(409).contentType("application/problem+json").extract().asString();
        assertEquals(problem, answer);
    }

    @Test
    void everyFeedEndpointReachesItsPath() {
        UUID id = UUID.randomUUID();
        ServiceStubs.COLLECTOR.answer("DELETE", "/api/v1/feeds/" + id, Answer.empty(204));
        ServiceStubs.COLLECTOR.answer("POST", "/api/v1/feeds/" + id + "/poll", Answer.json(202, "{}"));
        given().header("Authorization", ADMIN).when().get("/api/v1/feeds/" + id).then().statusCode(200);
        assertEquals("GET /api/v1/feeds/" + id, call(ServiceStubs.COLLECTOR.last()));
        given().header("Authorization", ADMIN).contentType("application/merge-patch+json").body("{\"enabled\": false}")
                .when().patch("/api/v1/feeds/" + id).then().statusCode(200);
        assertEquals("PATCH /api/v1/feeds/" + id, call(ServiceStubs.COLLECTOR.last()));
        // As the client sent it (REST Assured adds a charset).
        assertTrue(ServiceStubs.COLLECTOR.last().header("Content-Type").startsWith("application/merge-patch+json"));
        given().header("Authorization", ADMIN).when().delete("/api/v1/feeds/" + id).then().statusCode(204);
        assertEquals("DELETE /api/v1/feeds/" + id, call(ServiceStubs.COLLECTOR.last()));
        given().header("Authorization", ADMIN).when().post("/api/v1/feeds/" + id + "/poll").then().statusCode(202);
        assertEquals("POST /api/v1/feeds/" + id + "/poll", call(ServiceStubs.COLLECTOR.last()));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"url\": \"https://example.org\"}")
                .when().post("/api/v1/feeds/preview").then().statusCode(200);
        assertEquals("POST /api/v1/feeds/preview", call(ServiceStubs.COLLECTOR.last()));
    }

    @Test
    void opmlImportAndExportKeepTheirMediaTypes() {
        byte[] opml = "<?xml version=\"1.0\"?><opml version=\"2.0\"><body><outline xmlUrl=\"https://example.org/rss\"/>"
                .concat("</body></opml>").getBytes(StandardCharsets.UTF_8);
        given().header("Authorization", ADMIN).contentType("text/x-opml").body(opml)
                .when().post("/api/v1/feeds/import").then().statusCode(200);
        ServiceStub.Received imported = ServiceStubs.COLLECTOR.last();
        assertEquals("/api/v1/feeds/import", imported.path());
        assertTrue(imported.header("Content-Type").startsWith("text/x-opml"), imported.header("Content-Type"));
        assertArrayEquals(opml, imported.body());

        ServiceStubs.COLLECTOR.answer("GET", "/api/v1/feeds/export",
                new Answer(200, "text/x-opml;charset=UTF-8", opml,
                        Map.of("Content-Disposition", "attachment; filename=\"newswatch-feeds.opml\"")));
        Response export = given().header("Authorization", ADMIN).when().get("/api/v1/feeds/export");
        export.then().statusCode(200).contentType(startsWith("text/x-opml"))
                .header("Content-Disposition", containsString("newswatch-feeds.opml"));
        assertArrayEquals(opml, export.asByteArray());
    }

    @Test
    void idThatIsNotAUuidIs404AndNeverForwarded() {
        given().header("Authorization", ADMIN).when().get("/api/v1/feeds/..%2F..%2Fq%2Fhealth")
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", ADMIN).when().get("/api/v1/subscriptions/1' OR '1'='1")
                .then().statusCode(404).contentType("application/problem+json");
        assertTrue(ServiceStubs.COLLECTOR.received().isEmpty());
        assertTrue(ServiceStubs.ALERT.received().isEmpty());
    }

    @Test
    void subscriberCallsCarryItsOwnerAndNeverAnother() {
        String subscriber = newKey("subscriber", "ngo-42");
        UUID id = UUID.randomUUID();
        given().header("Authorization", "Bearer " + subscriber).header("X-Newswatch-Owner", "someone-else")
                .when().get("/api/v1/subscriptions/" + id).then().statusCode(200);
        ServiceStub.Received received = ServiceStubs.ALERT.last();
        assertEquals("/api/v1/subscriptions/" + id, received.path());
        assertEquals(List.of("ngo-42"), received.headerValues("X-Newswatch-Owner"));
        assertEquals(SERVICE_KEY, received.header("Authorization"));

        String body = "{\"topics\": [\"icc-sanctions\"], \"owner\": \"someone-else\","
                + " \"channel\": {\"type\": \"webhook\", \"url\": \"https://hooks.example.org/x\"}}";
        given().header("Authorization", "Bearer " + subscriber).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/subscriptions").then().statusCode(200);
        ServiceStub.Received created = ServiceStubs.ALERT.last();
        assertEquals(List.of("ngo-42"), created.headerValues("X-Newswatch-Owner"));
        assertEquals(body, created.bodyText(), "a subscriber's body goes as sent; the service refuses a foreign owner");
    }

    @Test
    void keysOfOneOwnerShareItsSubscriptionsButNotAnothers() {
        String first = newKey("subscriber", "org-shared");
        String second = newKey("subscriber", "org-shared");
        String lone = newKey("subscriber", null);
        given().header("Authorization", "Bearer " + first).when().get("/api/v1/subscriptions").then().statusCode(200);
        given().header("Authorization", "Bearer " + second).when().get("/api/v1/subscriptions").then().statusCode(200);
        given().header("Authorization", "Bearer " + lone).when().get("/api/v1/subscriptions").then().statusCode(200);
        List<ServiceStub.Received> received = ServiceStubs.ALERT.received();
        assertEquals("org-shared", received.get(0).header("X-Newswatch-Owner"));
        assertEquals("org-shared", received.get(1).header("X-Newswatch-Owner"));
        String loneOwner = received.get(2).header("X-Newswatch-Owner");
        assertTrue(loneOwner != null && !loneOwner.equals("org-shared"), "a key without an owner owns itself");
    }

    @Test
    void everySubscriptionEndpointReachesItsPath() {
        String subscriber = newKey("subscriber", "ngo-paths");
        UUID id = UUID.randomUUID();
        UUID delivery = UUID.randomUUID();
        String base = "/api/v1/subscriptions/" + id;
        ServiceStubs.ALERT.answer("DELETE", base, Answer.empty(204));
        for (String path : List.of("/pause", "/resume", "/secret/rotate", "/preview", "/deliveries/" + delivery
                + "/redeliver")) {
            given().header("Authorization", "Bearer " + subscriber).when().post(base + path).then().statusCode(200);
            assertEquals("POST " + base + path, call(ServiceStubs.ALERT.last()));
            assertEquals("ngo-paths", ServiceStubs.ALERT.last().header("X-Newswatch-Owner"));
        }
        given().header("Authorization", "Bearer " + subscriber).queryParam("since", "2026-11-20T08:00:00Z")
                .when().post(base + "/redeliver").then().statusCode(200);
        assertEquals("POST " + base + "/redeliver", call(ServiceStubs.ALERT.last()));
        assertEquals("since=2026-11-20T08%3A00%3A00Z", ServiceStubs.ALERT.last().query());
        given().header("Authorization", "Bearer " + subscriber).queryParam("limit", 5)
                .when().get(base + "/deliveries").then().statusCode(200);
        assertEquals("GET " + base + "/deliveries", call(ServiceStubs.ALERT.last()));
        given().header("Authorization", "Bearer " + subscriber).contentType(ContentType.JSON)
                .body("{\"name\": \"renamed\"}").when().patch(base).then().statusCode(200);
        assertEquals("PATCH " + base, call(ServiceStubs.ALERT.last()));
        given().header("Authorization", "Bearer " + subscriber).when().delete(base).then().statusCode(204);
        assertEquals("DELETE " + base, call(ServiceStubs.ALERT.last()));
        given().header("Authorization", "Bearer " + subscriber).contentType(ContentType.JSON)
                .body("{\"topics\": [\"icc-sanctions\"]}").queryParam("days", 3)
                .when().post("/api/v1/subscriptions/preview").then().statusCode(200);
        assertEquals("POST /api/v1/subscriptions/preview", call(ServiceStubs.ALERT.last()));
    }

    @Test
    void adminSeesAllAndItsNewSubscriptionsGetItsOwner() throws Exception {
        String admin = newKey("admin", "ops-team");
        given().header("Authorization", "Bearer " + admin).when().get("/api/v1/subscriptions").then().statusCode(200);
        assertNull(ServiceStubs.ALERT.last().header("X-Newswatch-Owner"), "an admin acts for no one owner");

        given().header("Authorization", "Bearer " + admin).contentType(ContentType.JSON)
                .body("{\"topics\": [\"icc-sanctions\"], \"channel\": {\"type\": \"email\", \"address\": \"a@example.org\"}}")
                .when().post("/api/v1/subscriptions").then().statusCode(200);
        JsonNode sent = new ObjectMapper().readTree(ServiceStubs.ALERT.last().body());
        assertEquals("ops-team", sent.path("owner").asText());
        assertEquals("a@example.org", sent.path("channel").path("address").asText());
        assertNull(ServiceStubs.ALERT.last().header("X-Newswatch-Owner"));

        given().header("Authorization", "Bearer " + admin).contentType(ContentType.JSON)
                .body("{\"topics\": [\"icc-sanctions\"], \"owner\": \"ngo-7\"}")
                .when().post("/api/v1/subscriptions").then().statusCode(200);
        assertEquals("ngo-7", new ObjectMapper().readTree(ServiceStubs.ALERT.last().body()).path("owner").asText());

        given().header("Authorization", "Bearer " + admin).contentType(ContentType.JSON).body("{\"topics\": [")
                .when().post("/api/v1/subscriptions").then().statusCode(200);
        assertEquals("{\"topics\": [", ServiceStubs.ALERT.last().bodyText(), "a broken body is the service's to refuse");
    }

    @Test
    void readerKeyCannotTouchSubscriptions() {
        String reader = newKey("reader", null);
        given().header("Authorization", "Bearer " + reader).when().get("/api/v1/subscriptions")
                .then().statusCode(403).contentType("application/problem+json");
        assertTrue(ServiceStubs.ALERT.received().isEmpty());
    }

    @Test
    void readerMayListTopicsAndClassify() {
        String reader = newKey("reader", null);
        given().header("Authorization", "Bearer " + reader).when().get("/api/v1/topics").then().statusCode(200);
        assertEquals("GET /api/v1/topics", call(ServiceStubs.CLASSIFIER.last()));
        String text = "{\"title\": \"US sanctions ICC judges\", \"summary\": \"\", \"content\": \"\"}";
        given().header("Authorization", "Bearer " + reader).contentType(ContentType.JSON).body(text)
                .when().post("/api/v1/classify").then().statusCode(200);
        assertEquals("POST /api/v1/classify", call(ServiceStubs.CLASSIFIER.last()));
        assertEquals(text, ServiceStubs.CLASSIFIER.last().bodyText());
        given().when().get("/api/v1/topics").then().statusCode(401);
    }

    @Test
    void mailLinksNeedNoKeyAndKeepTheirPages() {
        ServiceStubs.ALERT.answer("GET", "/api/v1/confirm", new Answer(200, "text/html;charset=UTF-8",
                "<html>Address confirmed</html>".getBytes(StandardCharsets.UTF_8), Map.of()));
        given().queryParam("token", "abc.def").when().get("/api/v1/confirm")
                .then().statusCode(200).contentType(startsWith("text/html")).body(containsString("Address confirmed"));
        assertEquals("token=abc.def", ServiceStubs.ALERT.last().query());
        assertEquals(SERVICE_KEY, ServiceStubs.ALERT.last().header("Authorization"));

        given().queryParam("token", "t").when().get("/api/v1/unsubscribe").then().statusCode(200);
        assertEquals("GET /api/v1/unsubscribe", call(ServiceStubs.ALERT.last()));
        given().queryParam("token", "t").contentType("application/x-www-form-urlencoded")
                .body("List-Unsubscribe=One-Click").header("Authorization", "Bearer not-a-key")
                .when().post("/api/v1/unsubscribe").then().statusCode(200);
        ServiceStub.Received unsubscribed = ServiceStubs.ALERT.last();
        assertEquals("POST /api/v1/unsubscribe", call(unsubscribed));
        assertEquals("List-Unsubscribe=One-Click", unsubscribed.bodyText());
        assertEquals(SERVICE_KEY, unsubscribed.header("Authorization"));
    }

    @Test
    void serviceRefusingTheGatewayKeyIs502NotTheClientsFault() {
        ServiceStubs.CLASSIFIER.answer("GET", "/api/v1/topics", Answer.problem(401, "{\"status\": 401}"));
        given().header("Authorization", ADMIN).when().get("/api/v1/topics")
                .then().statusCode(502).contentType("application/problem+json")
                .body("type", equalTo("urn:newswatch:problem:backend-refused-gateway"))
                .body("service", equalTo("classifier-service"));
    }

    static String call(ServiceStub.Received received) {
        return received.method() + " " + received.path();
    }
}
