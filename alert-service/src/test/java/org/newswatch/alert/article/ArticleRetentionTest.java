package org.newswatch.alert.article;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.newswatch.alert.matching.Stories;
import org.newswatch.testkit.WithTestInfrastructure;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** Old articles go, unless a pending delivery still has to render them. */
@QuarkusTest
@WithTestInfrastructure
class ArticleRetentionTest {

    @Inject
    ArticleRepository articles;

    @Inject
    ArticleRetention retention;

    @Inject
    DataSource dataSource;

    @Test
    void deletesArticlesPastRetentionThatNoPendingDeliveryNeeds() throws SQLException {
        Instant old = Instant.now().minus(Duration.ofDays(31));
        String recent = store(Instant.now().minus(Duration.ofDays(29)));
        String oldAlone = store(old);
        String oldDelivered = store(old);
        String oldPending = store(old);
        String subscription = subscription();
        delivery(subscription, oldDelivered, "delivered");
        delivery(subscription, oldPending, "pending");

        retention.deleteExpired();

        assertTrue(articles.find(recent).isPresent(), "within the 30 days");
        assertFalse(articles.find(oldAlone).isPresent());
        assertFalse(articles.find(oldDelivered).isPresent(), "delivered already: the delivery row stays");
        assertTrue(articles.find(oldPending).isPresent(), "a pending delivery still renders it");
    }

    private String store(Instant classifiedAt) {
        String id = "retention-" + UUID.randomUUID();
        articles.upsert(Stories.classified(Stories.all().get(4), id, 0.8, 0.2, classifiedAt));
        return id;
    }

    private String subscription() throws SQLException {
        String owner = "retention-" + UUID.randomUUID();
        UUID subscriber = UUID.randomUUID();
        UUID subscription = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO subscriber (id, owner, email, confirmed_at) VALUES (?, ?, 'r@example.org', now())")) {
                s.setObject(1, subscriber);
                s.setString(2, owner);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO subscription (id, owner, subscriber_id, name, topics, channel_type, channel_target, status)
                    VALUES (?, ?, ?, 'r', '{icc-sanctions}', 'email', 'r@example.org', 'paused')""")) {
                s.setObject(1, subscription);
                s.setString(2, owner);
                s.setObject(3, subscriber);
                s.executeUpdate();
            }
        }
        return subscription.toString();
    }

    private void delivery(String subscription, String article, String state) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO delivery (subscription_id, article_id, channel, state) VALUES (?::uuid, ?, 'email', ?)")) {
            s.setString(1, subscription);
            s.setString(2, article);
            s.setString(3, state);
            s.executeUpdate();
        }
    }
}
