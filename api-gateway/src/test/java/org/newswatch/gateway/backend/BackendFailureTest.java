package org.newswatch.gateway.backend;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newswatch.gateway.key.TestKeys;
import org.newswatch.testkit.WithTestInfrastructure;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;

/** A service that is down, silent or failing gives a precise problem at once, never a hang or a 500. */
@QuarkusTest
@WithTestInfrastructure
@QuarkusTestResource(ServiceStubs.class)
class BackendFailureTest {

    static final String ADMIN = TestKeys.ADMIN;

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeEach
    void freshServices() {
        ServiceStubs.resetAll();
        breakers.resetAll();
    }

    @AfterEach
    void servicesBackUp() throws Exception {
        ServiceStubs.resetAll();
        ServiceStubs.CLASSIFIER.stop();
        ServiceStubs.CLASSIFIER.start();
        breakers.resetAll();
    }

    @Test
    void serviceDownIs503NamingItWithRetryAfter() {
        ServiceStubs.CLASSIFIER.stop();
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"title\": \"x\"}")
                .when().post("/api/v1/classify")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("type", equalTo("urn:newswatch:problem:backend-unavailable"))
                .body("service", equalTo("classifier-service"))
                .body("detail", containsString("classifier-service"));
    }

    @Test
    void silentServiceIs504Problem() {
        ServiceStubs.CLASSIFIER.hang();
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"title\": \"x\"}")
                .when().post("/api/v1/classify")
                .then().statusCode(504)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:newswatch:problem:backend-timeout"))
                .body("service", equalTo("classifier-service"));
        assertEquals(1, ServiceStubs.CLASSIFIER.received().size(), "a POST that timed out is not sent again");
    }

    @Test
    void circuitOpensAfterFailuresAndClosesWhenTheServiceIsBack() throws Exception {
        ServiceStubs.CLASSIFIER.stop();
        for (int i = 0; i < 4; i++) {
            given().header("Authorization", ADMIN).when().get("/api/v1/topics").then().statusCode(503);
        }
        assertEquals(CircuitBreakerState.OPEN, breakers.currentState("backend-classifier-service"));
        ServiceStubs.CLASSIFIER.start();
        given().header("Authorization", ADMIN).when().get("/api/v1/topics")
                .then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("type", equalTo("urn:newswatch:problem:backend-unavailable"))
                .body("detail", containsString("failed repeatedly"));
        assertTrue(ServiceStubs.CLASSIFIER.received().isEmpty(), "an open circuit does not call the service");
        // The other services are not affected.
        given().header("Authorization", ADMIN).when().get("/api/v1/feeds").then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().header("Authorization", ADMIN).when().get("/api/v1/topics").then().statusCode(200));
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState("backend-classifier-service"));
    }

    @Test
    void getIsRetriedWhenTheConnectionDrops() {
        ServiceStubs.ALERT.dropNext(1);
        given().header("Authorization", ADMIN).when().get("/api/v1/subscriptions").then().statusCode(200);
        assertEquals(2, ServiceStubs.ALERT.received().size());
    }

    @Test
    void postIsNeverRetried() {
        ServiceStubs.ALERT.dropNext(1);
        given().header("Authorization", ADMIN).when().post("/api/v1/subscriptions/" + UUID.randomUUID() + "/pause")
                .then().statusCode(503).contentType("application/problem+json")
                .body("service", equalTo("alert-service"));
        assertEquals(1, ServiceStubs.ALERT.received().size(), "a POST may have acted: it is not sent twice");
    }

    @Test
    void oversizedBodyIs413Problem() {
        byte[] big = new byte[1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) 'a');
        given().header("Authorization", ADMIN).contentType("text/x-opml").body(big)
                .when().post("/api/v1/feeds/import")
                .then().statusCode(413).contentType("application/problem+json");
        assertTrue(ServiceStubs.COLLECTOR.received().isEmpty());
    }

    @Test
    void aChunkedBodyWithinTheLimitIsForwardedWhole() throws Exception {
        ServiceStubs.COLLECTOR.answer("POST", "/api/v1/feeds/import",
                ServiceStub.Answer.json(200, "{\"added\": [], \"existing\": [], \"rejected\": []}"));
        byte[] opml = ("<?xml version=\"1.0\"?><opml version=\"2.0\"><head><title>t</title></head><body>"
                + "<outline text=\"x\" xmlUrl=\"https://example.org/feed\"/>".repeat(5000) + "</body></opml>")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var answer = importChunked(opml);
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(1, ServiceStubs.COLLECTOR.received().size());
        assertEquals(-1, java.util.Arrays.mismatch(opml, ServiceStubs.COLLECTOR.received().get(0).body()),
                "the collector gets the body exactly as sent");
    }

    @Test
    void oversizedChunkedBodyIsRefusedToo() throws Exception {
        byte[] big = new byte[1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) 'a');
        var answer = importChunked(big);
        // Quarkus stops it while reading, with a bare 413 (no problem body: the gateway never saw a length to check).
        assertEquals(413, answer.statusCode());
        assertTrue(ServiceStubs.COLLECTOR.received().isEmpty());
    }

    /** POSTs an OPML import with no length known up front: sent chunked, so only Quarkus' own limit can stop it. */
    private static java.net.http.HttpResponse<String> importChunked(byte[] body) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "http://127.0.0.1:" + io.restassured.RestAssured.port + "/api/v1/feeds/import"))
                .header("Authorization", ADMIN).header("Content-Type", "text/x-opml")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                .build();
        return java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    }
}
