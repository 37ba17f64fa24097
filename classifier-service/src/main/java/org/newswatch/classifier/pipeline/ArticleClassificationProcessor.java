package org.newswatch.classifier.pipeline;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.newswatch.classifier.ClassifierConfig;
import org.newswatch.classifier.TopicClassifier;
import org.newswatch.contracts.ArticleClassified;
import org.newswatch.contracts.ArticleCollected;
import org.newswatch.contracts.Classification;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Classifies every article of {@code news.articles.v1} onto {@code news.classified.v1}, keyed by article id,
 * with CloudEvents headers. The outgoing message carries the incoming one's acknowledgement: the consumed
 * offset is committed only once the broker has acknowledged the classified record (acks=all). A record that
 * cannot be read, or has no value, is nacked and goes to {@code news.articles.v1.dlq} with the error.
 */
@ApplicationScoped
public class ArticleClassificationProcessor {

    static final String INCOMING = "articles";
    static final String OUTGOING = "classified";

    private final TopicClassifier classifier;
    private final String eventSource;
    private final Clock clock;

    @Inject
    public ArticleClassificationProcessor(TopicClassifier classifier, ClassifierConfig config) {
        this(classifier, config.eventSource(), Clock.systemUTC());
    }

    public ArticleClassificationProcessor(TopicClassifier classifier, String eventSource, Clock clock) {
        this.classifier = classifier;
        this.eventSource = eventSource;
        this.clock = clock;
    }

    @Incoming(INCOMING)
    @Outgoing(OUTGOING)
    // Post-processing: a thrown exception nacks the incoming message (dead-letter topic) instead of ending the
    // stream, and the incoming message is acknowledged only when the outgoing one is.
    @Acknowledgment(Acknowledgment.Strategy.POST_PROCESSING)
    public Message<ArticleClassified> process(Message<ArticleCollected> message) {
        ArticleCollected article = message.getPayload();
        if (article == null) {
            // A tombstone or an unreadable value: thrown, the message is nacked and dead-lettered.
            throw new IllegalArgumentException("record has no ArticleCollected value");
        }
        ArticleClassified classified = classify(article, clock.instant());
        RecordHeaders headers = new RecordHeaders();
        classified.cloudEvent(eventSource).writeTo(headers);
        return Message.of(classified)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(article.id())
                        .withHeaders(headers)
                        .build());
    }

    /** The event for one article; the same article and topic files give the same classification. */
    public ArticleClassified classify(ArticleCollected article, Instant now) {
        Classification classification = classifier.classify(article.title(), article.summary(), article.content(),
                article.language());
        return new ArticleClassified(article, classification, now);
    }
}
