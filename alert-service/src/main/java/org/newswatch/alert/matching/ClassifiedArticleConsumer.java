package org.newswatch.alert.matching;

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
 * Consumes {@code news.classified.v1}. Each record is matched in its own transaction
 * ({@link ArticleMatcher#record}); the record is acknowledged when this method returns, after the commit,
 * so its offset is committed only once its deliveries are durable. A record that is not a valid
 * ArticleClassified, or whose effect the database refuses, is nacked and goes, unchanged, to
 * {@code news.classified.v1.dlq} with the reason in its headers. Transient database failures are retried
 * with backoff and never dead-lettered while the retries last.
 * <p>
 * Records are processed concurrently on the {@code matching} worker pool
 * ({@code smallrye.messaging.worker.matching.max-concurrency}): the order of records does not matter, because
 * storing keeps the newest classification of an article and deliveries are unique per (subscription, article);
 * the connector commits an offset only once every record before it is acknowledged.
 */
@ApplicationScoped
public class ClassifiedArticleConsumer {

    private static final Logger LOG = Logger.getLogger(ClassifiedArticleConsumer.class);

    private final ArticleMatcher matcher;
    // The raw bytes reach this method, so that a poison record lands in the dead-letter topic exactly as it was.
    private final ArticleClassifiedDeserializer deserializer = new ArticleClassifiedDeserializer();

    public ClassifiedArticleConsumer(ArticleMatcher matcher) {
        this.matcher = matcher;
    }

    @Incoming("news-classified")
    @Blocking(value = "matching", ordered = false)
    @Retry(retryOn = TransientDatabaseFailure.class, maxRetries = -1, delay = 500, maxDuration = 10,
            durationUnit = ChronoUnit.MINUTES, jitter = 200)
    @ExponentialBackoff(maxDelay = 30, maxDelayUnit = ChronoUnit.SECONDS)
    public void consume(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw new EventFormatException("record " + describe(record) + " has no value, not an ArticleClassified");
        }
        ArticleClassified event = deserializer.deserialize(record.topic(), record.value());
        if (record.key() != null && !record.key().equals(event.article().id())) {
            throw new EventFormatException("record " + describe(record) + " has key " + record.key()
                    + " but carries article " + event.article().id());
        }
        try {
            ArticleMatcher.Outcome outcome = matcher.record(event);
            LOG.debugf("article %s: %d candidates, %d matched, %d new deliveries", event.article().id(),
                    outcome.candidates(), outcome.matched(), outcome.recorded());
        } catch (RuntimeException e) {
            if (TransientDatabaseFailure.isTransient(e)) {
                LOG.warnf("article %s not recorded yet: %s", event.article().id(), e.getMessage());
                throw new TransientDatabaseFailure(e);
            }
            throw e;
        }
    }

    private static String describe(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
