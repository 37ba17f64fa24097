package org.newswatch.alert.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newswatch.alert.delivery.DeliveryOutcome;
import org.newswatch.alert.delivery.DeliveryOutcome.Result;
import org.newswatch.alert.testing.WebhookReceiver;
import org.newswatch.alert.testing.WebhookReceiver.Reply;

/** One request of {@link WebhookSender} against a real HTTP receiver on loopback, for each kind of answer. */
class WebhookSenderTest {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    record Config(Duration timeout, Duration connectTimeout, int responseBodyLimit, Duration secretCacheTime,
            Duration maxRetryAfter) implements WebhookConfig {
    }

    private final WebhookSender sender = new WebhookSender(
            new Config(Duration.ofMillis(800), Duration.ofMillis(500), 64, Duration.ZERO, Duration.ofHours(10)));
    private final WebhookSigner signer = new WebhookSigner();
    private WebhookReceiver receiver;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = new WebhookReceiver().trust(SECRET);
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private DeliveryOutcome post(String path) {
        String body = "{\"type\":\"article.flagged\",\"data\":{\"title\":\"Café ✓\"}}";
        return sender.post(URI.create(receiver.url(path)), body, signer.sign("msg-1", body, List.of(SECRET)));
    }

    @Test
    void twoHundredIsDeliveredAndTheReceiverVerifiesTheSignature() {
        receiver.script(Reply.status(204));
        DeliveryOutcome outcome = post("/hook");
        assertEquals(Result.DELIVERED, outcome.result());
        assertEquals(204, outcome.statusCode());
        var request = receiver.received().get(0);
        assertEquals(List.of(0), request.verifiedWith(), "signature verified by the Standard Webhooks library");
        assertEquals("msg-1", request.header("webhook-id"));
        assertEquals("application/json", request.header("Content-Type"));
    }

    @Test
    void serverErrorFailsWithTheStatusAndTheStartOfTheAnswer() {
        receiver.script(Reply.status(500).withBody("database on fire\n" + "x".repeat(500)));
        DeliveryOutcome outcome = post("/hook");
        assertEquals(Result.FAILED, outcome.result());
        assertEquals(500, outcome.statusCode());
        assertTrue(outcome.error().startsWith("HTTP 500: database on fire x"), outcome.error());
        // Only the first 64 bytes of the answer were read.
        assertTrue(outcome.error().length() < 100, outcome.error());
        assertNull(outcome.retryAfter());
    }

    @Test
    void redirectIsNotFollowed() {
        receiver.script(Reply.status(302).withHeader("Location", receiver.url("/elsewhere")));
        DeliveryOutcome outcome = post("/hook");
        assertEquals(Result.FAILED, outcome.result());
        assertEquals(302, outcome.statusCode());
        assertTrue(outcome.error().contains("redirect to " + receiver.url("/elsewhere") + " not followed"),
                outcome.error());
        assertEquals(1, receiver.received().size(), "the redirect target was never requested");
    }

    @Test
    void goneMeansTheEndpointIsGone() {
        receiver.script(Reply.status(410));
        DeliveryOutcome outcome = post("/hook");
        assertEquals(Result.ENDPOINT_GONE, outcome.result());
        assertEquals(410, outcome.statusCode());
    }

    @Test
    void tooManyRequestsCarriesRetryAfterInSeconds() {
        receiver.script(Reply.status(429).withHeader("Retry-After", "120"));
        DeliveryOutcome outcome = post("/hook");
        assertEquals(Result.FAILED, outcome.result());
        assertEquals(Duration.ofSeconds(120), outcome.retryAfter());
        assertTrue(outcome.error().contains("Retry-After 120 s"), outcome.error());
    }

    @Test
    void unavailableCarriesRetryAfterAsAnHttpDateCappedAtTheMaximum() {
        receiver.script(Reply.status(503).withHeader("Retry-After", "Fri, 31 Dec 2100 23:59:59 GMT"));
        DeliveryOutcome outcome = post("/hook");
        assertEquals(Result.FAILED, outcome.result());
        assertEquals(Duration.ofHours(10), outcome.retryAfter());
    }

    @Test
    void otherClientErrorsFailWithoutRetryAfter() {
        receiver.script(Reply.status(404).withHeader("Retry-After", "30"));
        DeliveryOutcome outcome = post("/hook");
        assertEquals(Result.FAILED, outcome.result());
        assertEquals(404, outcome.statusCode());
        assertNull(outcome.retryAfter(), "Retry-After counts only with 429 and 503");
    }

    @Test
    void slowAnswerTimesOut() {
        receiver.script(Reply.status(200).after(Duration.ofSeconds(30)));
        DeliveryOutcome outcome = post("/hook");
        assertEquals(Result.FAILED, outcome.result());
        assertNull(outcome.statusCode());
        assertEquals("no answer within 800 ms", outcome.error());
    }

    @Test
    void refusedConnectionIsDescribed() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String body = "{}";
        DeliveryOutcome outcome = sender.post(URI.create("http://127.0.0.1:" + closedPort + "/hook"), body,
                signer.sign("msg-2", body, List.of(SECRET)));
        assertEquals(Result.FAILED, outcome.result());
        assertNull(outcome.statusCode());
        assertEquals("connection to 127.0.0.1:" + closedPort + " refused or unreachable", outcome.error());
    }
}
