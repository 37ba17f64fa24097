package org.newswatch.alert.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newswatch.alert.testing.GreenMailServer;
import org.newswatch.alert.testing.MovableClock;
import org.newswatch.alert.testing.Stories;
import org.newswatch.alert.testing.StoryPublisher;
import org.newswatch.alert.testing.TestSubscriptions;
import org.newswatch.testkit.WithTestInfrastructure;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Claiming against the real database, with the application's workers off (as in every test that does not
 * start them) so that the test is the only claimer: per-endpoint limits, SKIP LOCKED between concurrent claimers, and whole-or-nothing transactions.
 */
@QuarkusTest
@WithTestInfrastructure
@QuarkusTestResource(GreenMailServer.class)
class DeliveryStoreTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    DeliveryStore store;
    @Inject
    DeliveryConfig config;
    @Inject
    TestSubscriptions subscriptions;
    @Inject
    MovableClock clock;

    private final String owner = "ngo-" + UUID.randomUUID();
    private final String urlA = "http://127.0.0.1:9/a/" + UUID.randomUUID();
    private final String urlB = "http://127.0.0.1:9/b/" + UUID.randomUUID();
    private UUID a;
    private UUID b;

    @BeforeEach
    void fiveStoriesForTwoEndpoints() {
        a = subscriptions.webhook(owner, urlA, List.of(Stories.ICC)).id();
        b = subscriptions.webhook(owner, urlB, List.of(Stories.ICC)).id();
        for (int i = 0; i < 5; i++) {
            var story = Stories.iccSanctions(Stories.newId());
            StoryPublisher.publish(story);
            subscriptions.awaitDelivery(a, story.article().id(), "pending", 0, WAIT);
            subscriptions.awaitDelivery(b, story.article().id(), "pending", 0, WAIT);
        }
    }

    @AfterEach
    void cleanUp() {
        subscriptions.deleteAll();
        clock.reset();
    }

    private List<DueDelivery> claim(List<UUID> busySubscriptions, Function<String, Integer> freeSlots) {
        // Rows of other tests' subscriptions may be due too; only this test's count.
        return store.claim(100, busySubscriptions, freeSlots::apply, clock.instant(), config.lease()).stream()
                .filter(d -> Set.of(a, b).contains(d.subscriptionId()))
                .toList();
    }

    private static Map<UUID, Long> perSubscription(List<DueDelivery> claimed) {
        return claimed.stream().collect(Collectors.groupingBy(DueDelivery::subscriptionId, Collectors.counting()));
    }

    @Test
    void aClaimTakesNoMoreThanTheFreeSlotsOfEachEndpointAndNoneOfABusySubscription() {
        List<DueDelivery> first = claim(List.of(), endpoint -> endpoint.equals(urlA) ? 2 : 4);
        assertEquals(Map.of(a, 2L, b, 4L), perSubscription(first));
        assertTrue(first.stream().allMatch(d -> d.attempt() == 1 && d.scheduleAttempt() == 1 && d.article() != null));

        List<DueDelivery> second = claim(List.of(b), endpoint -> 10);
        assertEquals(Map.of(a, 3L), perSubscription(second), "the rest of A; B's endpoint is full");
        assertEquals(List.of(), claim(List.of(), endpoint -> 10).stream()
                .filter(d -> d.subscriptionId().equals(a)).toList(), "A's claims hold");
    }

    @Test
    void dueDeliveriesOfAPausedSubscriptionAreParkedNotClaimed() {
        subscriptions.update("UPDATE subscription SET status = 'paused' WHERE id = ?", a);
        assertEquals(Map.of(b, 5L), perSubscription(claim(List.of(), endpoint -> 10)));
        var parked = subscriptions.query("SELECT next_attempt_at, attempts FROM delivery WHERE subscription_id = ?",
                rs -> Duration.between(clock.instant(), rs.getTimestamp(1).toInstant()).toMinutes() + "min/"
                        + rs.getInt(2), a);
        assertEquals(List.of("4min/0", "4min/0", "4min/0", "4min/0", "4min/0"), parked,
                "looked at again in five minutes, no attempt counted");

        subscriptions.update("UPDATE subscription SET status = 'active' WHERE id = ?", a);
        clock.advance(DeliveryStore.PARKED);
        // B's claims have run out by now as well (nobody recorded them), so both come back.
        assertEquals(Map.of(a, 5L, b, 5L), perSubscription(claim(List.of(), endpoint -> 10)));
    }

    @Test
    void concurrentClaimersNeverGetTheSameDelivery() throws Exception {
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // Another worker in the middle of its claim transaction holds A's rows.
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> store.inTransaction("hold A", connection -> {
            try (PreparedStatement lock = connection.prepareStatement(
                    "SELECT id FROM delivery WHERE subscription_id = ? FOR UPDATE")) {
                lock.setObject(1, a);
                try (ResultSet rs = lock.executeQuery()) {
                    while (rs.next()) {
                        // Locks every row of A.
                    }
                }
            }
            locked.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        assertTrue(locked.await(20, TimeUnit.SECONDS));
        List<DueDelivery> claimed;
        try {
            claimed = claim(List.of(), endpoint -> 10);
        } finally {
            release.countDown();
            other.get(20, TimeUnit.SECONDS);
        }
        assertEquals(Map.of(b, 5L), perSubscription(claimed), "A's locked rows were skipped, not waited for");
        assertEquals(Map.of(a, 5L), perSubscription(claim(List.of(), endpoint -> 10)));
    }

    @Test
    void aTransactionThatFailsLeavesNothingBehind() {
        List<UUID> ids = new ArrayList<>(subscriptions.query("SELECT id FROM delivery WHERE subscription_id = ?",
                rs -> rs.getObject(1, UUID.class), a));
        assertThrows(IllegalStateException.class, () -> store.inTransaction("fail halfway", connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE delivery SET state = 'failed' WHERE subscription_id = ?")) {
                update.setObject(1, a);
                update.executeUpdate();
            }
            throw new IllegalStateException("the send failed");
        }));
        assertEquals(5, ids.size());
        assertEquals(List.of("pending"), subscriptions.query(
                "SELECT DISTINCT state FROM delivery WHERE subscription_id = ?", rs -> rs.getString(1), a));
    }
}
