package org.newswatch.contracts;

import org.apache.kafka.common.serialization.Serializer;

/** Kafka value serializer for every newswatch event: its {@link EventJson} form. */
public class EventSerializer implements Serializer<Object> {

    @Override
    public byte[] serialize(String topic, Object event) {
        return event == null ? null : EventJson.write(event);
    }
}
