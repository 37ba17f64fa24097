package org.newswatch.contracts;

import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka value deserializer for one event type. A malformed record raises an {@link EventFormatException}
 * that names the topic, so the consumer's failure strategy (dead-letter topic) records a useful error.
 */
public abstract class EventDeserializer<T> implements Deserializer<T> {

    private final Class<T> type;

    protected EventDeserializer(Class<T> type) {
        this.type = type;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return EventJson.read(data, type);
        } catch (EventFormatException e) {
            throw new EventFormatException("record on " + topic + " is " + e.getMessage(), e);
        }
    }

    /** For {@link Topics#ARTICLES}. */
    public static class ArticleCollectedDeserializer extends EventDeserializer<ArticleCollected> {
        public ArticleCollectedDeserializer() {
            super(ArticleCollected.class);
        }
    }

    /** For {@link Topics#CLASSIFIED}. */
    public static class ArticleClassifiedDeserializer extends EventDeserializer<ArticleClassified> {
        public ArticleClassifiedDeserializer() {
            super(ArticleClassified.class);
        }
    }
}
