package org.newswatch.alert.matching;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.newswatch.alert.DataAccessException;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Records the deliveries of one article in one statement. The database's unique (subscription, article)
 * makes it idempotent: a redelivered record or a re-classification never creates a second delivery.
 */
@ApplicationScoped
public class DeliveryRecorder {

    /**
     * A delivery to record.
     *
     * @param digestAt the send time of the digest it belongs to, or null for an immediate delivery
     */
    public record NewDelivery(UUID subscriptionId, String channel, Instant digestAt) {
    }

    private final DataSource dataSource;

    public DeliveryRecorder(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return how many deliveries were new */
    public int record(String articleId, List<NewDelivery> deliveries) {
        if (deliveries.isEmpty()) {
            return 0;
        }
        Object[] ids = new Object[deliveries.size()];
        Object[] channels = new Object[deliveries.size()];
        Object[] digests = new Object[deliveries.size()];
        for (int i = 0; i < deliveries.size(); i++) {
            NewDelivery delivery = deliveries.get(i);
            ids[i] = delivery.subscriptionId();
            channels[i] = delivery.channel();
            digests[i] = delivery.digestAt() == null ? null : Timestamp.from(delivery.digestAt());
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        INSERT INTO delivery (subscription_id, article_id, channel, digest_at, next_attempt_at)
                        SELECT d.subscription_id, ?, d.channel, d.digest_at, coalesce(d.digest_at, now())
                          FROM unnest(?::uuid[], ?::text[], ?::timestamptz[]) AS d(subscription_id, channel, digest_at)
                        ON CONFLICT (subscription_id, article_id) DO NOTHING
                        """)) {
            statement.setString(1, articleId);
            statement.setArray(2, connection.createArrayOf("uuid", ids));
            statement.setArray(3, connection.createArrayOf("text", channels));
            statement.setArray(4, connection.createArrayOf("timestamptz", digests));
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("cannot record the deliveries of article " + articleId, e);
        }
    }
}
