package org.newswatch.alert.delivery;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newswatch.alert.testing.GreenMailServer;
import org.newswatch.alert.testing.MovableClock;
import org.newswatch.alert.testing.Stories;
import org.newswatch.alert.testing.StoryPublisher;
import org.newswatch.alert.testing.TestSubscriptions;
import org.newswatch.alert.testing.WebhookReceiver;
import org.newswatch.alert.testing.WebhookReceiver.Reply;
import org.newswatch.contracts.ArticleClassified;
import org.newswatch.testkit.WithTestInfrastructure;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;

/**
 * {@code GET /api/v1/subscriptions/{id}/deliveries} and the two redeliveries, on a subscription made through
 * the subscriptions API, with three stories delivered to a real receiver (the first after a 500).
 */
@QuarkusTest
@WithTestInfrastructure
@QuarkusTestResource(GreenMailServer.class)
class DeliveryLogResourceTest {

    static final String KEY = "test-service-key";
    static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    TestSubscriptions subscriptions;
    @Inject
    DeliveryWorkers workers;
    @Inject
    MovableClock clock;

    private final String owner = "ngo-" + UUID.randomUUID();
    private WebhookReceiver receiver;
    private UUID subscription;
    private final List<ArticleClassified> stories = new ArrayList<>();
    private Instant beforeStories;

    private RequestSpecification asOwner() {
        return given().header("Authorization", "Bearer " + KEY).header("X-Newswatch-Owner", owner);
    }

    @BeforeEach
    void threeDeliveredStories() throws IOException {
        receiver = new WebhookReceiver().script(Reply.status(500).withBody("not now"));
        workers.start();
        var created = asOwner().contentType(ContentType.JSON).body("""
                {"name": "log test", "topics": ["icc-sanctions"], "channel": {"type": "webhook", "url": "%s"}}
                """.formatted(receiver.url("/log"))).post("/api/v1/subscriptions").then().statusCode(201).extract();
        subscription = UUID.fromString(created.path("id"));
        receiver.trust(created.path("secret"));
        beforeStories = Instant.now().minusSeconds(1);
        for (int i = 0; i < 3; i++) {
            var story = Stories.iccSanctions(Stories.newId());
            stories.add(story);
            StoryPublisher.publish(story);
            // One at a time, so that the first story is the one that met the 500.
            if (i == 0) {
                subscriptions.awaitDelivery(subscription, story.article().id(), "pending", 1, WAIT);
                clock.advance(Duration.ofSeconds(5));
            }
            subscriptions.awaitDelivery(subscription, story.article().id(), "delivered", i == 0 ? 2 : 1, WAIT);
        }
    }

    @AfterEach
    void cleanUp() {
        workers.stop();
        given().header("Authorization", "Bearer " + KEY).delete("/api/v1/subscriptions/" + subscription);
        receiver.close();
        clock.reset();
    }

    private String deliveries() {
        return "/api/v1/subscriptions/" + subscription + "/deliveries";
    }

    @Test
    void theLogListsDeliveriesNewestFirstWithEveryAttemptInPages() {
        String cursor = asOwner().get(deliveries() + "?limit=2").then().statusCode(200)
                .body("items", hasSize(2))
                .body("items.articleId", contains(stories.get(2).article().id(), stories.get(1).article().id()))
                .body("items[0].state", equalTo("delivered"))
                .body("items[0].deliveredAt", notNullValue())
                .body("items[0].nextAttemptAt", nullValue())
                .body("items[0].attempts", hasSize(1))
                .body("items[0].attempts[0].statusCode", equalTo(200))
                .body("nextCursor", notNullValue())
                .extract().path("nextCursor");

        asOwner().get(deliveries() + "?limit=2&cursor=" + cursor).then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].articleId", equalTo(stories.get(0).article().id()))
                .body("items[0].attempts.attempt", contains(1, 2))
                .body("items[0].attempts.statusCode", contains(500, 200))
                .body("items[0].attempts[0].error", equalTo("HTTP 500: not now"))
                .body("items[0].attempts[0].startedAt", notNullValue())
                .body("items[0].attempts[0].finishedAt", notNullValue())
                .body("items[0].attempts[0].durationMs", notNullValue())
                .body("items[0].attempts[1].error", nullValue())
                .body("nextCursor", nullValue());
    }

    @Test
    void badRequestsAreProblems() {
        asOwner().get(deliveries() + "?cursor=bm90LWEtY3Vyc29y").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("urn:newswatch:problem:bad-request"))
                .body("detail", containsString("is not a cursor"));
        // A well-formed cursor of another list.
        asOwner().get(deliveries() + "?cursor=AAAAAAAAAAAAAAAAAAAAAA").then().statusCode(400)
                .body("detail", containsString("not one this list gave out"));
        asOwner().get(deliveries() + "?limit=0").then().statusCode(400).body("detail", containsString("limit"));
        asOwner().post("/api/v1/subscriptions/" + subscription + "/redeliver").then().statusCode(400)
                .body("detail", containsString("since is required"));
        asOwner().post("/api/v1/subscriptions/" + subscription + "/redeliver?since=yesterday").then().statusCode(400)
                .body("detail", containsString("not an ISO-8601 time"));
        asOwner().post(deliveries() + "/" + UUID.randomUUID() + "/redeliver").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void ownersSeeOnlyTheirOwnAndEveryCallNeedsTheServiceKey() {
        given().header("Authorization", "Bearer " + KEY).header("X-Newswatch-Owner", "someone-else")
                .get(deliveries()).then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", "Bearer " + KEY).header("X-Newswatch-Owner", "someone-else")
                .post("/api/v1/subscriptions/" + subscription + "/redeliver?since=2026-01-01T00:00:00Z").then()
                .statusCode(404);
        given().get(deliveries()).then().statusCode(401);
        given().header("Authorization", "Bearer wrong").post("/api/v1/subscriptions/" + subscription
                + "/redeliver?since=2026-01-01T00:00:00Z").then().statusCode(401);
        // An administrator (no owner header) sees every subscription.
        given().header("Authorization", "Bearer " + KEY).get(deliveries()).then().statusCode(200)
                .body("items", hasSize(3));
    }

    @Test
    void oneDeliveryIsSentAgainWithAFreshScheduleAndTheSameWebhookId() {
        UUID delivery = subscriptions.delivery(subscription, stories.get(0).article().id()).orElseThrow().id();
        asOwner().post(deliveries() + "/" + delivery + "/redeliver").then().statusCode(202)
                .body("id", equalTo(delivery.toString())).body("state", equalTo("pending"));

        subscriptions.awaitDelivery(subscription, stories.get(0).article().id(), "delivered", 3, WAIT);
        var requests = receiver.received().stream().filter(r -> r.header("webhook-id").equals(delivery.toString()))
                .toList();
        assertEquals(3, requests.size(), "500, 200, and the redelivery");
        assertEquals(List.of(), receiver.received().stream().filter(r -> r.verifiedWith().isEmpty()).toList());
    }

    @Test
    void everythingSinceATimeIsSentAgain() {
        asOwner().post("/api/v1/subscriptions/" + subscription + "/redeliver?since=" + beforeStories).then()
                .statusCode(202).body("redelivered", equalTo(3));
        subscriptions.awaitDelivery(subscription, stories.get(0).article().id(), "delivered", 3, WAIT);
        subscriptions.awaitDelivery(subscription, stories.get(1).article().id(), "delivered", 2, WAIT);
        subscriptions.awaitDelivery(subscription, stories.get(2).article().id(), "delivered", 2, WAIT);

        asOwner().post("/api/v1/subscriptions/" + subscription + "/redeliver?since=" + Instant.now().plusSeconds(60))
                .then().statusCode(202).body("redelivered", equalTo(0));
    }

    @Test
    void aPausedSubscriptionIsNotRedeliveredTo() {
        asOwner().post("/api/v1/subscriptions/" + subscription + "/pause").then().statusCode(200);
        asOwner().post("/api/v1/subscriptions/" + subscription + "/redeliver?since=" + beforeStories).then()
                .statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:newswatch:problem:conflict"))
                .body("detail", containsString("is paused; resume it first"));
    }
}
