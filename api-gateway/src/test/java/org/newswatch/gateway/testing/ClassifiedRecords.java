package org.newswatch.gateway.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.newswatch.contracts.ArticleClassified;
import org.newswatch.contracts.ArticleCollected;
import org.newswatch.contracts.Classification;
import org.newswatch.contracts.EventSerializer;
import org.newswatch.contracts.Evidence;
import org.newswatch.contracts.TopicScore;
import org.newswatch.contracts.Topics;
import org.newswatch.testkit.ConsumerGroups;
import org.newswatch.testkit.KafkaBroker;

/**
 * Publishes {@code news.classified.v1} records to a broker as the classifier does: the contracts' serializer for the
 * value, CloudEvents headers, the article id as key.
 */
public final class ClassifiedRecords implements AutoCloseable {

    public static final String ICC = "icc-sanctions";
    public static final String JUDICIAL = "judicial-independence";
    /** The gateway's consumer group. */
    public static final String GROUP = "api-gateway";

    // Events go through the contracts' own serializer; poison records (byte arrays) go out as they are.
    private final KafkaProducer<String, Object> producer;

    public ClassifiedRecords(String bootstrapServers) {
        EventSerializer events = new EventSerializer();
        Serializer<Object> values = (topic, value) -> value instanceof byte[] raw ? raw : events.serialize(topic, value);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 2), new StringSerializer(), values);
    }

    /** A publisher on the test-kit broker, with the topic and its dead-letter topic created. */
    public static ClassifiedRecords onTestBroker() {
        KafkaBroker.shared().createTopics(Topics.CLASSIFIED, Topics.deadLetterOf(Topics.CLASSIFIED));
        return new ClassifiedRecords(KafkaBroker.shared().bootstrapServers());
    }

    /** Publishes and waits for the broker's acknowledgement. */
    public RecordMetadata send(ArticleClassified event) {
        return get(sendAsync(event));
    }

    public Future<RecordMetadata> sendAsync(ArticleClassified event) {
        ProducerRecord<String, Object> record = new ProducerRecord<>(Topics.CLASSIFIED, event.article().id(), event);
        event.cloudEvent("newswatch-test").writeTo(record.headers());
        return producer.send(record);
    }

    /** A record as given, for poison records. */
    public RecordMetadata sendRaw(String key, byte[] value) {
        return get(producer.send(new ProducerRecord<>(Topics.CLASSIFIED, key, value)));
    }

    /**
     * Waits until the gateway's consumer group has committed an offset past every given record, which it does only
     * once their effect is in the database.
     */
    public static void awaitConsumed(Duration atMost, RecordMetadata... sent) {
        ConsumerGroups.awaitCommittedPast(KafkaBroker.shared().bootstrapServers(), GROUP, List.of(sent), atMost);
    }

    public void flush() {
        producer.flush();
    }

    private static RecordMetadata get(Future<RecordMetadata> sent) {
        try {
            return sent.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the test broker refused a record", e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }

    /** A story to publish: plain fields with defaults, turned into an ArticleClassified by {@link #event()}. */
    public static final class Story {
        private final String id;
        private String source = "Test Source";
        private String feedId = "feed-1";
        private String title = "";
        private String summary = "";
        private String content = "";
        private String language = "en";
        private Instant publishedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        private Instant classifiedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        private String classifierVersion = "test-1";
        private final List<TopicScore> topics = new ArrayList<>();

        public Story(String id) {
            this.id = id;
        }

        public Story source(String value) { source = value; return this; }
        public Story feed(String value) { feedId = value; return this; }
        public Story title(String value) { title = value; return this; }
        public Story summary(String value) { summary = value; return this; }
        public Story content(String value) { content = value; return this; }
        public Story language(String value) { language = value; return this; }
        public Story publishedAt(Instant value) { publishedAt = value; return this; }
        public Story classifiedAt(Instant value) { classifiedAt = value; return this; }
        public Story classifierVersion(String value) { classifierVersion = value; return this; }

        /** Adds a topic; a flagged one gets one piece of evidence: the start of the title. */
        public Story topic(String topic, double score, boolean flagged) {
            List<Evidence> evidence = flagged
                    ? List.of(new Evidence("title", 0, Math.min(5, title.length()), title.substring(0,
                            Math.min(5, title.length())), "test-rule"))
                    : List.of();
            return topic(topic, score, flagged, evidence);
        }

        /** Adds a topic with the evidence given. */
        public Story topic(String topic, double score, boolean flagged, List<Evidence> evidence) {
            topics.add(new TopicScore(topic, score, flagged, evidence));
            return this;
        }

        public String id() {
            return id;
        }

        public ArticleClassified event() {
            List<TopicScore> scores = topics.isEmpty()
                    ? List.of(new TopicScore(ICC, 0.05, false, List.of()), new TopicScore(JUDICIAL, 0.02, false, List.of()))
                    : topics;
            ArticleCollected article = new ArticleCollected(id, feedId, "https://feeds.example.org/" + feedId, source,
                    "https://news.example.org/" + id + "?utm_source=x", "https://news.example.org/" + id, null, title,
                    summary, content, null, null, List.of(), publishedAt, null, publishedAt.plusSeconds(30));
            return new ArticleClassified(article, Classification.of(language, classifierVersion, scores), classifiedAt);
        }
    }
}
