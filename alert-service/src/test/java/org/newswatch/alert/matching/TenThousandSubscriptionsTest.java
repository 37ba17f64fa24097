package org.newswatch.alert.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.newswatch.alert.secret.SecretCipher;
import org.newswatch.contracts.ArticleClassified;
import org.newswatch.testkit.WithTestInfrastructure;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * 10,000 varied subscriptions and a stream of classified stories through the real broker: the service records
 * exactly the (subscription, story) pairs that an independent, plain implementation of the rules finds.
 */
@QuarkusTest
@WithTestInfrastructure
class TenThousandSubscriptionsTest {

    private static final int SUBSCRIPTIONS = 10_000;

    @Inject
    DataSource dataSource;

    @Inject
    SecretCipher cipher;

    @Test
    void recordsExactlyTheMatchingPairs() throws Exception {
        SubscriptionFleet fleet = SubscriptionFleet.create(dataSource, cipher, SUBSCRIPTIONS, 300, 20260211L, false);
        try {
            List<ArticleClassified> stream = stories(new Random(42));
            List<RecordMetadata> sent = new ArrayList<>();
            try (ClassifiedRecords records = ClassifiedRecords.onTestBroker()) {
                for (ArticleClassified event : stream) {
                    sent.add(records.send(event));
                }
                records.awaitConsumed(sent, Duration.ofMinutes(3));
            }

            Set<String> expected = new HashSet<>();
            for (ArticleClassified event : stream) {
                for (SubscriptionFleet.Member member : fleet.members()) {
                    if (ReferenceMatcher.matches(member, event)) {
                        expected.add(member.id() + " " + event.article().id());
                    }
                }
            }
            Map<String, Instant> actual = deliveries(fleet);
            System.out.printf("[10k] %d subscriptions, %d stories, %d expected deliveries, %d recorded%n",
                    SUBSCRIPTIONS, stream.size(), expected.size(), actual.size());
            assertTrue(expected.size() > 5_000, "the fleet and the stories give a meaningful number of matches");
            assertTrue(expected.size() < SUBSCRIPTIONS * stream.size() / 4, "the filters exclude most pairs");

            Set<String> missing = new HashSet<>(expected);
            missing.removeAll(actual.keySet());
            Set<String> extra = new HashSet<>(actual.keySet());
            extra.removeAll(expected);
            assertEquals(Set.of(), first(missing), "pairs the service missed (" + missing.size() + ")");
            assertEquals(Set.of(), first(extra), "pairs the service recorded wrongly (" + extra.size() + ")");

            Map<UUID, SubscriptionFleet.Member> byId = new HashMap<>();
            fleet.members().forEach(m -> byId.put(m.id(), m));
            actual.forEach((pair, digestAt) -> {
                SubscriptionFleet.Member member = byId.get(UUID.fromString(pair.substring(0, 36)));
                if (member.digestZone() == null) {
                    assertNull(digestAt, pair);
                } else {
                    assertNotNull(digestAt, pair);
                    assertEquals(member.digestHour(), digestAt.atZone(java.time.ZoneId.of(member.digestZone())).getHour());
                }
            });
        } finally {
            fleet.delete();
        }
    }

    /** Each fixture story three times under new ids with varied scores, and some stories flagged for nothing. */
    static List<ArticleClassified> stories(Random random) {
        double[] scores = {0.1, 0.45, 0.5, 0.55, 0.6, 0.7, 0.75, 0.8, 0.9, 0.97};
        List<ArticleClassified> events = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (Stories.Story story : Stories.all()) {
                events.add(Stories.classified(story, "tenk-" + UUID.randomUUID(), scores[random.nextInt(scores.length)],
                        scores[random.nextInt(scores.length)], Instant.now()));
            }
        }
        return events;
    }

    private Map<String, Instant> deliveries(SubscriptionFleet fleet) throws SQLException {
        Map<String, Instant> pairs = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT d.subscription_id::text, d.article_id, d.digest_at FROM delivery d
                  JOIN subscription s ON s.id = d.subscription_id WHERE s.owner LIKE ?""")) {
            s.setString(1, fleet.ownerPrefix() + "%");
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    java.sql.Timestamp digestAt = rs.getTimestamp(3);
                    pairs.put(rs.getString(1) + " " + rs.getString(2), digestAt == null ? null : digestAt.toInstant());
                }
            }
        }
        return pairs;
    }

    private static Set<String> first(Set<String> pairs) {
        return new HashSet<>(pairs.stream().sorted().limit(5).toList());
    }
}
