package org.newswatch.alert.testing;

import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.newswatch.contracts.ArticleClassified;
import org.newswatch.contracts.EventSerializer;
import org.newswatch.contracts.Topics;
import org.newswatch.testkit.KafkaBroker;

/** Publishes classified stories to the real test broker, as the classifier would. */
public final class StoryPublisher {

    private static KafkaProducer<String, Object> producer;

    private StoryPublisher() {
    }

    public static synchronized void publish(ArticleClassified story) {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers(),
                    ProducerConfig.LINGER_MS_CONFIG, 0),
                    new StringSerializer(), new EventSerializer());
        }
        var record = new ProducerRecord<String, Object>(Topics.CLASSIFIED, story.article().id(), story);
        story.cloudEvent("urn:newswatch:test").writeTo(record.headers());
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot publish " + story.article().id(), e.getCause());
        }
    }
}
