package org.newswatch.gateway.article;

import java.sql.SQLException;
import java.time.temporal.ChronoUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.newswatch.contracts.ArticleClassified;
import org.newswatch.contracts.EventDeserializer.ArticleClassifiedDeserializer;
import org.newswatch.contracts.EventFormatException;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Projects {@code news.classified.v1} into the read model (consumer group {@code api-gateway}). Each record is
 * stored in its own transaction and acknowledged when this method returns, after the commit, so no offset is
 * committed before its article is durable. A record that is not a valid ArticleClassified, or that the database
 * refuses, is nacked and goes unchanged to {@code news.classified.v1.dlq} with the reason in its headers;
 * transient database failures are retried with backoff instead.
 * <p>
 * Records are stored concurrently on the {@code projection} worker pool: their order does not matter, because the
 * newest classification of an article wins and the connector commits an offset only once every record before it
 * is acknowledged.
 */
@ApplicationScoped
public class ClassifiedArticleConsumer {

    private static final Logger LOG = Logger.getLogger(ClassifiedArticleConsumer.class);

    private final ArticleProjection projection;
    // Raw bytes reach this method so that a poison record lands in the dead-letter topic exactly as it came.
    private final ArticleClassifiedDeserializer deserializer = new ArticleClassifiedDeserializer();

    public ClassifiedArticleConsumer(ArticleProjection projection) {
        this.projection = projection;
    }

    @Incoming("news-classified")
    @Blocking(value = "projection", ordered = false)
    @Retry(retryOn = TransientDatabaseFailure.class, maxRetries = -1, delay = 500, maxDuration = 10,
            durationUnit = ChronoUnit.MINUTES, jitter = 200)
    @ExponentialBackoff(maxDelay = 30, maxDelayUnit = ChronoUnit.SECONDS)
    public void consume(ConsumerRecord<String, byte[]> record) throws SQLException {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        if (record.value() == null) {
            throw new EventFormatException("record " + where + " has no value, not an ArticleClassified");
        }
        ArticleClassified event = deserializer.deserialize(record.topic(), record.value());
        if (record.key() != null && !record.key().equals(event.article().id())) {
            throw new EventFormatException("record " + where + " has key " + record.key() + " but carries article "
                    + event.article().id());
        }
        try {
            ArticleProjection.Outcome outcome = projection.project(event);
            LOG.debugf("article %s from %s: %s", event.article().id(), where, outcome);
        } catch (SQLException e) {
            if (TransientDatabaseFailure.isTransient(e)) {
                LOG.warnf("article %s not stored yet: %s", event.article().id(), e.getMessage());
                throw new TransientDatabaseFailure(e);
            }
            throw e;
        }
    }
}
