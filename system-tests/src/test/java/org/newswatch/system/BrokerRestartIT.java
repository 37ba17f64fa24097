package org.newswatch.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.newswatch.system.stack.ApiClient;
import org.newswatch.system.stack.BrokerProcess;
import org.newswatch.system.stack.NewswatchStack;
import org.newswatch.system.stack.WebhookReceiver.Received;
import org.newswatch.testkit.PackagedService;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A broker that restarts loses nothing. The four services run against a real broker process (the local launcher's
 * {@code KafkaProcess}) that is stopped (SIGTERM, controlled shutdown) and, in the next step, killed (SIGKILL)
 * while a feed publishes a new flagged story and a poll is asked for; it is started again on the same port and log
 * directory. No service is restarted.
 *
 * <p>What the services do, as observed (timings in system-tests/README.md):
 * <ul>
 * <li><b>During the outage</b> the poll fetches the feed and fails softly at publishing once the collector's
 * producer gives up (after 5 s here instead of the production 30 s, so that a short outage outlasts it; the cause
 * is "topic not present in metadata" or "expiring 1 record"): the feed's health is {@code failing} with
 * {@code PUBLISH_FAILED} at stage {@code publish}, nothing is marked seen, the next poll is due about a minute
 * later (a failure to publish is retried from the floor, never later than the feed's interval). Every service's liveness answers UP at once. Readiness does not answer while the
 * broker is down: each service's Kafka connection check waits for its admin request (30–60 s seen when the broker
 * stays down); asked during the outage it answered 503 only once the broker was back, with the collector's check
 * {@code feed-collector publishing} DOWN ("degraded") and, in the classifier, alert service and gateway, the
 * reactive messaging check DOWN (channels {@code [KO]}) while the Kafka connection check was UP again.
 * <li><b>After the restart</b> the failed poll is not retried at once: the test asks for the feed's next poll
 * through the API, as an operator would, instead of waiting the minute; that poll reads the feed in full and publishes
 * the new story. Every service is ready again 13–25 s after the restart (the consumers rejoin their groups),
 * without a restart; the collector's publishing check turns UP with that poll's successful publish, not before.
 * <li>The new story reaches the webhook exactly once, signed (Standard Webhooks), flagged as expected; the stories
 * delivered before the outage are not delivered again.
 * </ul>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrokerRestartIT {

    @RegisterExtension
    @Order(1)
    static final BrokerProcess BROKER = new BrokerProcess();

    /** The collector gives up on an unacknowledged publish after 5 s: the outage outlasts it. */
    @RegisterExtension
    @Order(2)
    static final NewswatchStack STACK = new NewswatchStack(BROKER::bootstrapServers)
            .collectorProperty("newswatch.collector.publish.delivery-timeout", "5s")
            .collectorProperty("newswatch.collector.publish.metadata-timeout", "5s");

    private static final Duration PIPELINE = Duration.ofSeconds(60);
    private static final String HOOK = "outage-desk";
    private static final String FEED = "/outage-desk.rss";
    private static final String PUBLISHING_CHECK = "feed-collector publishing";
    /** With the broker down, readiness waits for the Kafka check's admin request: 30-60 s, or until the broker is back. */
    private static final Duration OUTAGE_HEALTH_TIMEOUT = Duration.ofSeconds(60);
    /** The rest of the outage, once the poll has failed: the one wait that is not on a condition. */
    private static final Pause OUTAGE = new Pause(Duration.ofSeconds(5));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HEALTH = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static final List<String> items = new ArrayList<>();
    private static final List<Story> delivered = new ArrayList<>();
    private static String feedId;
    private static boolean previousStepsPassed = true;

    private final ApiClient admin = STACK.adminApi();

    @Test
    @Order(1)
    void theFeedsFirstStoryArrivesOnce() {
        step(() -> {
            ApiClient ngo = STACK.api(createSubscriberKey());
            JsonNode subscription = ngo.post("/api/v1/subscriptions", Map.of(
                    "name", "broker restart",
                    "topics", List.of(Story.ICC, Story.JUDICIAL),
                    "minScore", 0.5,
                    "channel", Map.of("type", "webhook", "url", STACK.webhooks().url(HOOK)))).expect(201);
            STACK.webhooks().trust(HOOK, subscription.path("secret").asText());

            items.add("item-judicial-overhaul.rss");
            STACK.feeds().serve(FEED, "outage-desk.rss", items.toArray(String[]::new));
            feedId = admin.post("/api/v1/feeds", Map.of("url", STACK.feeds().url(FEED))).expect(201)
                    .path("id").asText();

            delivered.add(Story.JUDICIAL_OVERHAUL);
            awaitExactlyOnce(delivered);
        });
    }

    @Test
    @Order(2)
    void aStoryPolledWhileTheBrokerIsStoppedArrivesOnceAfterItStartsAgain() {
        step(() -> outage("stopped", () -> assertTrue(BROKER.stop(), "the broker stopped on SIGTERM"),
                "item-blocking-statute.rss", Story.BLOCKING_STATUTE));
    }

    @Test
    @Order(3)
    void aStoryPolledWhileTheBrokerIsKilledArrivesOnceAfterItStartsAgain() {
        step(() -> outage("killed", BROKER::kill, "item-deputy-prosecutors.rss", Story.DEPUTY_PROSECUTORS));
    }

    private void outage(String how, Runnable brokerDown, String item, Story story) {
        long down = System.nanoTime();
        Instant wentDown = Instant.now();
        brokerDown.run();
        log("broker %s in %d ms", how, millisSince(down));

        items.add(item);
        STACK.feeds().serve(FEED, "outage-desk.rss", items.toArray(String[]::new));
        admin.postEmpty("/api/v1/feeds/" + feedId + "/poll").expect(202);

        // The outage itself: until the poll has given up on the broker, then what every service says.
        JsonNode failed = await("the poll failed at publishing").atMost(PIPELINE).pollInterval(Duration.ofMillis(250))
                .until(() -> admin.get("/api/v1/feeds/" + feedId).expect(200).path("health"),
                        health -> "PUBLISH_FAILED".equals(health.path("lastError").path("kind").asText())
                                && Instant.parse(health.path("lastError").path("at").asText()).isAfter(wentDown));
        log("broker %s, %d ms: the feed's health %s", how, millisSince(down), failed);
        assertEquals(delivered.size(), STACK.webhooks().receivedBy(HOOK).size(), "nothing new arrived yet");
        // Readiness answers only when its Kafka check's admin request ends: when the broker is back, or after its
        // timeout (30-60 s). So it is asked now and read after the restart.
        Map<String, CompletableFuture<Health>> readyDuringOutage = everyService("ready", OUTAGE_HEALTH_TIMEOUT);
        Map<String, Health> live = answers(everyService("live", Duration.ofSeconds(10)));
        live.forEach((name, health) -> assertEquals(200, health.status(), name + " stays live during the outage"
                + " (restarting it would not bring the broker back): " + health));
        OUTAGE.sleep();

        long restart = System.nanoTime();
        BROKER.start();
        log("broker started again in %d ms (down %d ms)", millisSince(restart), millisSince(down));
        Map<String, Health> ready = answers(readyDuringOutage);
        ready.forEach((name, health) -> log("broker %s: %s ready (asked during the outage) %s", how, name, health));
        JsonNode collectorReady = ready.get(STACK.collector().name()).body();
        assertEquals("DOWN", status(collectorReady, PUBLISHING_CHECK), "the collector shows it cannot publish: "
                + collectorReady);
        assertEquals(503, ready.get(STACK.collector().name()).status(), collectorReady.toString());

        // The feed's next poll, which would otherwise come a minute later (a failed publish is retried from the floor).
        admin.postEmpty("/api/v1/feeds/" + feedId + "/poll").expect(202);
        delivered.add(story);
        awaitExactlyOnce(delivered);
        STACK.webhooks().receivedBy(HOOK).stream().filter(r -> r.title().equals(story.title())).forEach(r ->
                log("broker %s: the new story's webhook %s, flagged %s", how, r.webhookId(), r.data().path("topics")));
        await("every service ready again").atMost(PIPELINE).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> answers(everyService("ready", Duration.ofSeconds(5))).forEach((name, health) ->
                        assertEquals(200, health.status(), name + ": " + health)));
        STACK.services().forEach(service -> assertTrue(service.isRunning(), service.name()
                + " still runs: no service was restarted"));
        log("broker %s: the story delivered and every service ready %d ms after the restart", how,
                millisSince(restart));
    }

    /** Waits until every story is at the webhook, then checks each came once, verified, and nothing else. */
    private static void awaitExactlyOnce(List<Story> stories) {
        Map<String, Story> byTitle = stories.stream().collect(Collectors.toMap(Story::title, Function.identity()));
        await("every story at the webhook").atMost(PIPELINE).pollInterval(Duration.ofMillis(250))
                .until(() -> STACK.webhooks().receivedBy(HOOK).stream().map(Received::title).collect(Collectors.toSet())
                        .containsAll(byTitle.keySet()));
        assertEquals(List.of(), STACK.webhooks().rejected(), "webhook requests that failed verification");
        Map<String, Long> counts = STACK.webhooks().receivedBy(HOOK).stream()
                .collect(Collectors.groupingBy(Received::title, Collectors.counting()));
        assertEquals(byTitle.keySet().stream().collect(Collectors.toMap(Function.identity(), title -> 1L)), counts,
                "each story once at the webhook, and no other");
        for (Received delivery : STACK.webhooks().receivedBy(HOOK)) {
            Set<String> topics = new HashSet<>();
            delivery.data().path("topics").forEach(topic -> topics.add(topic.path("topic").asText()));
            assertEquals(byTitle.get(delivery.title()).topics(), topics, "flagged as expected: " + delivery.body());
        }
    }

    private String createSubscriberKey() {
        JsonNode key = admin.post("/api/v1/keys", Map.of("name", "NGO Gamma alerts", "role", "subscriber",
                "owner", "ngo-gamma")).expect(201);
        return key.path("key").asText();
    }

    /** A health answer: 200 (UP) or 503 (DOWN), or 0 when it did not come in time; and how long it took. */
    private record Health(int status, JsonNode body, long millis) {

        @Override
        public String toString() {
            return status + " in " + millis + " ms " + body;
        }
    }

    /** Every service's {@code /q/health/<kind>}, asked at once. */
    private static Map<String, CompletableFuture<Health>> everyService(String kind, Duration timeout) {
        Map<String, CompletableFuture<Health>> answers = new LinkedHashMap<>();
        for (PackagedService service : STACK.services()) {
            long asked = System.nanoTime();
            HttpRequest request = HttpRequest.newBuilder(service.uri("/q/health/" + kind)).timeout(timeout).GET().build();
            answers.put(service.name(), HEALTH.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .thenApply(response -> new Health(response.statusCode(), json(response.body()), millisSince(asked)))
                    .exceptionally(e -> new Health(0, JSON.getNodeFactory().textNode(e.toString()), millisSince(asked))));
        }
        return answers;
    }

    private static Map<String, Health> answers(Map<String, CompletableFuture<Health>> asked) {
        Map<String, Health> health = new LinkedHashMap<>();
        asked.forEach((name, answer) -> health.put(name, answer.join()));
        return health;
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    /** A fixed wait (interrupt-safe). */
    private record Pause(Duration length) {

        void sleep() {
            try {
                Thread.sleep(length.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted during the outage", e);
            }
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static void log(String format, Object... arguments) {
        System.out.printf("[broker-restart] " + format + "%n", arguments);
    }

    private static String status(JsonNode health, String check) {
        for (JsonNode each : health.path("checks")) {
            if (check.equals(each.path("name").asText())) {
                return each.path("status").asText();
            }
        }
        return "absent";
    }

    /** Runs a step unless an earlier one failed: the steps build on each other. */
    private static void step(Runnable body) {
        assumeTrue(previousStepsPassed, "an earlier step failed");
        previousStepsPassed = false;
        body.run();
        previousStepsPassed = true;
    }
}
