package org.newswatch.alert.webhook;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newswatch.alert.delivery.DeliveryConfig;
import org.newswatch.alert.delivery.DeliveryScheduler;
import org.newswatch.alert.delivery.DeliveryStore;
import org.newswatch.alert.delivery.DeliveryWorkers;
import org.newswatch.alert.delivery.RetrySchedule;
import org.newswatch.alert.mail.MailChannel;
import org.newswatch.alert.secret.SubscriptionSecrets;
import org.newswatch.alert.testing.GreenMailServer;
import org.newswatch.alert.testing.Mails;
import org.newswatch.alert.testing.MovableClock;
import org.newswatch.alert.testing.Stories;
import org.newswatch.alert.testing.StoryPublisher;
import org.newswatch.alert.testing.TestSubscriptions;
import org.newswatch.alert.testing.TestSubscriptions.Delivery;
import org.newswatch.alert.testing.WebhookReceiver;
import org.newswatch.alert.testing.WebhookReceiver.Reply;
import org.newswatch.testkit.WithTestInfrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

/**
 * Webhooks end to end: a classified story on the real broker, matched into a delivery in the real database,
 * claimed by the worker and sent to a real receiver on loopback that verifies every signature with the
 * Standard Webhooks library. The scheduling clock is moved instead of waiting for retries.
 */
@QuarkusTest
@WithTestInfrastructure
@QuarkusTestResource(GreenMailServer.class)
class WebhookDeliveryTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    TestSubscriptions subscriptions;
    @Inject
    MovableClock clock;
    @Inject
    DeliveryWorkers workers;
    @Inject
    DeliveryConfig config;
    @Inject
    DeliveryStore store;
    @Inject
    RetrySchedule schedule;
    @Inject
    WebhookChannel webhookChannel;
    @Inject
    MailChannel mailChannel;
    @Inject
    SubscriptionSecrets secrets;
    @Inject
    MeterRegistry registry;

    private WebhookReceiver receiver;
    private final String owner = "ngo-" + UUID.randomUUID();

    @BeforeEach
    void start() throws IOException {
        receiver = new WebhookReceiver();
        workers.start();
    }

    @AfterEach
    void cleanUp() {
        workers.stop();
        subscriptions.deleteAll();
        receiver.close();
        clock.reset();
    }

    private TestSubscriptions.Webhook subscribe() {
        var webhook = subscriptions.webhook(owner, receiver.url("/hooks/" + UUID.randomUUID()), List.of(Stories.ICC));
        receiver.trust(webhook.secret());
        return webhook;
    }

    private Delivery awaitDelivery(UUID subscription, String articleId, String state, int attempts) {
        return subscriptions.awaitDelivery(subscription, articleId, state, attempts, WAIT);
    }

    @Test
    void aFlaggedStoryArrivesOnceSignedWithTheDeliveryIdAsWebhookId() throws Exception {
        var webhook = subscribe();
        var story = Stories.iccSanctions(Stories.newId());
        StoryPublisher.publish(story);

        Delivery delivery = awaitDelivery(webhook.id(), story.article().id(), "delivered", 1);
        assertEquals(1, receiver.received().size());
        var request = receiver.received().get(0);
        assertEquals(List.of(0), request.verifiedWith(), "signature verified with the subscription's secret");
        assertEquals(delivery.id().toString(), request.header("webhook-id"));
        JsonNode body = new ObjectMapper().readTree(request.body());
        assertEquals("article.flagged", body.get("type").asText());
        assertEquals(story.article().id(), body.at("/data/articleId").asText());
        assertEquals("http://localhost:8080/api/v1/articles/" + story.article().id(), body.at("/data/link").asText());
        var attempts = subscriptions.attempts(delivery.id());
        assertEquals(1, attempts.size());
        assertEquals(200, attempts.get(0).statusCode());
        assertNull(attempts.get(0).error());
        given().get("/q/metrics").then().statusCode(200).body(containsString(
                "newswatch_alert_delivery_attempts_total{channel=\"webhook\",result=\"delivered\"}"));
    }

    @Test
    void serverErrorIsRetriedFiveSecondsLaterWithTheSameIdAndBody() {
        var webhook = subscribe();
        receiver.script(Reply.status(500).withBody("try later"));
        var story = Stories.iccSanctions(Stories.newId());
        StoryPublisher.publish(story);

        Delivery failed = awaitDelivery(webhook.id(), story.article().id(), "pending", 1);
        var first = subscriptions.attempts(failed.id()).get(0);
        assertEquals(500, first.statusCode());
        assertEquals("HTTP 500: try later", first.error());
        assertEquals(Duration.ofSeconds(5), Duration.between(first.finishedAt(), failed.nextAttemptAt()));

        clock.advance(Duration.ofSeconds(5));
        awaitDelivery(webhook.id(), story.article().id(), "delivered", 2);
        var requests = receiver.received();
        assertEquals(2, requests.size());
        assertEquals(requests.get(0).header("webhook-id"), requests.get(1).header("webhook-id"));
        assertEquals(requests.get(0).body(), requests.get(1).body());
        assertEquals(List.of(0), requests.get(1).verifiedWith());
    }

    @Test
    void aSlowReceiverTimesOutAndIsTriedAgain() {
        var webhook = subscribe();
        receiver.script(Reply.status(200).after(Duration.ofSeconds(30)));
        var story = Stories.iccSanctions(Stories.newId());
        StoryPublisher.publish(story);

        Delivery failed = awaitDelivery(webhook.id(), story.article().id(), "pending", 1);
        var first = subscriptions.attempts(failed.id()).get(0);
        assertNull(first.statusCode());
        assertEquals("no answer within 1500 ms", first.error());

        clock.advance(Duration.ofSeconds(5));
        awaitDelivery(webhook.id(), story.article().id(), "delivered", 2);
    }

    @Test
    void goneDisablesTheSubscriptionAndFailsTheDelivery() {
        var webhook = subscribe();
        receiver.script(Reply.status(410));
        var story = Stories.iccSanctions(Stories.newId());
        StoryPublisher.publish(story);

        Delivery delivery = awaitDelivery(webhook.id(), story.article().id(), "failed", 1);
        assertEquals(410, delivery.lastStatus());
        String status = subscriptions.status(webhook.id()).get(0);
        assertTrue(status.startsWith("disabled: the endpoint answered HTTP 410 Gone"), status);
        // Its owner has no confirmed address with us: the notice is closed without a mail.
        subscriptions.awaitNotice(webhook.id(), "not_mailable", 0, WAIT);
    }

    @Test
    void retryAfterPutsTheNextAttemptWhereTheReceiverAskedNotEarlier() {
        var webhook = subscribe();
        receiver.script(Reply.status(429).withHeader("Retry-After", "120"));
        var story = Stories.iccSanctions(Stories.newId());
        StoryPublisher.publish(story);

        Delivery limited = awaitDelivery(webhook.id(), story.article().id(), "pending", 1);
        var first = subscriptions.attempts(limited.id()).get(0);
        assertEquals(429, first.statusCode());
        assertEquals(Duration.ofSeconds(120), Duration.between(first.finishedAt(), limited.nextAttemptAt()),
                "Retry-After 120 s instead of the schedule's 5 s");

        clock.advance(Duration.ofSeconds(121));
        awaitDelivery(webhook.id(), story.article().id(), "delivered", 2);
    }

    @Test
    void aRedirectIsNotFollowed() {
        var webhook = subscribe();
        receiver.script(Reply.status(308).withHeader("Location", receiver.url("/moved")));
        var story = Stories.iccSanctions(Stories.newId());
        StoryPublisher.publish(story);

        Delivery delivery = awaitDelivery(webhook.id(), story.article().id(), "pending", 1);
        assertEquals(308, delivery.lastStatus(), delivery.toString());
        assertTrue(delivery.lastError().contains("not followed"), delivery.lastError());
        assertTrue(receiver.received().stream().noneMatch(r -> r.path().equals("/moved")));
    }

    @Test
    void noMoreThanFourAttemptsGoToOneEndpointAtOnce() {
        var webhook = subscribe();
        // Ten deliveries due together: the workers are stopped while matching records them.
        workers.stop();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            var story = Stories.iccSanctions(Stories.newId());
            ids.add(story.article().id());
            StoryPublisher.publish(story);
        }
        for (String id : ids) {
            awaitDelivery(webhook.id(), id, "pending", 0);
        }
        receiver.hold();
        workers.start();
        await().atMost(WAIT).until(receiver::inFlight, n -> n == config.perEndpointConcurrency());
        receiver.release();
        for (String id : ids) {
            awaitDelivery(webhook.id(), id, "delivered", 1);
        }
        assertEquals(10, receiver.received().size());
        assertEquals(4, receiver.maxInFlight(), "never more than newswatch.alert.delivery.per-endpoint-concurrency");
    }

    @Test
    void duringARotationOverlapBothSecretsSignAndBothVerify() {
        var webhook = subscribe();
        var rotated = secrets.rotate(webhook.id(), Optional.empty()).orElseThrow();
        receiver.trust(rotated.secret().value());
        var story = Stories.iccSanctions(Stories.newId());
        StoryPublisher.publish(story);

        awaitDelivery(webhook.id(), story.article().id(), "delivered", 1);
        var request = receiver.received().get(0);
        assertEquals(2, request.header("webhook-signature").split(" ").length);
        assertEquals(List.of(0, 1), request.verifiedWith(), "the old and the new secret each verify the message");
    }

    /**
     * The retry schedule lives in the delivery row only. The restart: the application's delivery workers are
     * stopped (their threads, in-flight counts and everything else in memory are gone), and a new scheduler is
     * built from nothing but the beans that read the database; it finds the pending retry and delivers it when it
     * is due.
     */
    @Test
    void aRestartInTheMiddleOfTheScheduleLosesNothing() {
        var webhook = subscribe();
        receiver.script(Reply.status(500), Reply.status(503));
        var story = Stories.iccSanctions(Stories.newId());
        StoryPublisher.publish(story);
        awaitDelivery(webhook.id(), story.article().id(), "pending", 1);
        clock.advance(Duration.ofSeconds(5));
        Delivery beforeRestart = awaitDelivery(webhook.id(), story.article().id(), "pending", 2);
        assertEquals(Duration.ofMinutes(5), Duration.between(
                subscriptions.attempts(beforeRestart.id()).get(1).finishedAt(), beforeRestart.nextAttemptAt()));

        workers.stop();
        var restarted = new DeliveryScheduler(config, store, List.of(webhookChannel, mailChannel), schedule, clock,
                registry);
        restarted.start();
        try {
            clock.advance(Duration.ofMinutes(5));
            awaitDelivery(webhook.id(), story.article().id(), "delivered", 3);
        } finally {
            restarted.stop(Duration.ofSeconds(5));
        }
        assertEquals(3, receiver.received().size());
        assertTrue(receiver.received().stream().allMatch(r -> r.verifiedWith().equals(List.of(0))));
    }

    /** A worker that claims a delivery and dies never reports back; the claim runs out and another worker sends it. */
    @Test
    void aClaimOfACrashedWorkerComesBackAfterItsLease() {
        var webhook = subscribe();
        workers.stop();
        var story = Stories.iccSanctions(Stories.newId());
        StoryPublisher.publish(story);
        awaitDelivery(webhook.id(), story.article().id(), "pending", 0);

        // The crashed worker: claims everything due, then nothing.
        var claimed = store.claim(100, List.of(), endpoint -> 100, clock.instant(), config.lease());
        assertTrue(claimed.stream().anyMatch(d -> d.subscriptionId().equals(webhook.id())));
        assertTrue(store.claim(100, List.of(), endpoint -> 100, clock.instant(), config.lease()).stream()
                .noneMatch(d -> d.subscriptionId().equals(webhook.id())), "the claim holds while its lease lasts");

        workers.start();
        clock.advance(config.lease());
        Delivery delivered = awaitDelivery(webhook.id(), story.article().id(), "delivered", 2);
        var attempts = subscriptions.attempts(delivered.id());
        assertNull(attempts.get(0).finishedAt(), "the crashed attempt stays unfinished in the log");
        assertEquals(200, attempts.get(1).statusCode());
        assertEquals(1, receiver.received().size());
    }

    @Test
    void anEndpointFailingForFiveDaysIsDisabledAndItsOwnerIsTold() {
        String ownerAddress = "owner-" + UUID.randomUUID() + "@example.org";
        UUID ownersOwn = subscriptions.email(owner, "owner's own alerts", ownerAddress, List.of(Stories.JUDICIAL), null);
        subscriptions.confirmDirectly(ownerAddress);
        var webhook = subscribe();
        receiver.script(Reply.status(500), Reply.status(500));
        var story = Stories.iccSanctions(Stories.newId());
        StoryPublisher.publish(story);
        awaitDelivery(webhook.id(), story.article().id(), "pending", 1);

        subscriptions.parkPendingDeliveriesExcept(clock.instant().plus(Duration.ofDays(365)), webhook.id(), ownersOwn);
        clock.advance(Duration.ofDays(5));
        awaitDelivery(webhook.id(), story.article().id(), "pending", 2);
        String status = await().atMost(WAIT).until(() -> subscriptions.status(webhook.id()).get(0),
                s -> s.startsWith("disabled"));
        assertTrue(status.contains("every delivery to the endpoint has failed since"), status);
        var notice = await().atMost(WAIT).until(() -> noticeMails(ownerAddress, webhook.id()), mails -> !mails.isEmpty())
                .get(0);
        assertTrue(Mails.text(notice).contains(status.substring("disabled: ".length())), Mails.text(notice));
        var row = subscriptions.awaitNotice(webhook.id(), "sent", 1, WAIT);
        assertEquals("<notice-" + row.id() + "@alerts.newswatch.localhost>", Mails.header(notice, "Message-ID"));
        // Disabled subscriptions are not claimed: the pending retry waits for the owner to resume it.
        clock.advance(Duration.ofMinutes(10));
        assertTrue(store.claim(100, List.of(), endpoint -> 100, clock.instant(), config.lease()).stream()
                .noneMatch(d -> d.subscriptionId().equals(webhook.id())));
        assertEquals(2, receiver.received().size());
        assertEquals(1, noticeMails(ownerAddress, webhook.id()).size(), "the owner is told once");
    }

    /**
     * The notice is written in the transaction that disables the subscription and mailed from that outbox: while
     * the SMTP server is away it stays pending and is retried on the delivery schedule, and it arrives once when
     * the server is back.
     */
    @Test
    void anOwnerNoticeWaitsOutAnSmtpOutageAndArrivesOnce() {
        String ownerAddress = "owner-" + UUID.randomUUID() + "@example.org";
        subscriptions.email(owner, "owner's own alerts", ownerAddress, List.of(Stories.JUDICIAL), null);
        subscriptions.confirmDirectly(ownerAddress);
        var webhook = subscribe();
        GreenMailServer.stopServer();
        try {
            receiver.script(Reply.status(410));
            var story = Stories.iccSanctions(Stories.newId());
            StoryPublisher.publish(story);
            awaitDelivery(webhook.id(), story.article().id(), "failed", 1);
            assertTrue(subscriptions.status(webhook.id()).get(0).startsWith("disabled"));

            var first = subscriptions.awaitNotice(webhook.id(), "pending", 1, WAIT);
            assertTrue(first.lastError().startsWith("SMTP: "), first.lastError());
            assertTrue(first.nextAttemptAt().isAfter(clock.instant()), "the second attempt waits");
            clock.advance(Duration.ofSeconds(5));
            var second = subscriptions.awaitNotice(webhook.id(), "pending", 2, WAIT);
            assertTrue(second.nextAttemptAt().isAfter(clock.instant().plus(Duration.ofMinutes(4))),
                    "the third attempt waits five minutes, as deliveries do: " + second);
        } finally {
            GreenMailServer.restart();
        }
        clock.advance(Duration.ofMinutes(5));
        subscriptions.awaitNotice(webhook.id(), "sent", 3, WAIT);
        await().atMost(WAIT).until(() -> noticeMails(ownerAddress, webhook.id()), mails -> !mails.isEmpty());

        // Later runs send it no more: a second notice to the same owner goes out after it, and the first is still
        // there once.
        var another = subscribe();
        receiver.script(Reply.status(410));
        var story = Stories.iccSanctions(Stories.newId());
        StoryPublisher.publish(story);
        subscriptions.awaitNotice(another.id(), "sent", 1, WAIT);
        await().atMost(WAIT).until(() -> noticeMails(ownerAddress, another.id()), mails -> !mails.isEmpty());
        assertEquals(1, noticeMails(ownerAddress, webhook.id()).size(), "the owner is told once");
    }

    /** The mails telling {@code address} that {@code subscription} was disabled. */
    private static List<MimeMessage> noticeMails(String address, UUID subscription) {
        return GreenMailServer.messagesTo(address).stream()
                .filter(m -> Mails.subject(m).startsWith("[newswatch] Subscription disabled")
                        && Mails.text(m).contains(subscription.toString()))
                .toList();
    }
}
