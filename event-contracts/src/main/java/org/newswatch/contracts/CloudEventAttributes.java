package org.newswatch.contracts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The CloudEvents attributes of an event, carried in Kafka headers in binary content mode
 * ({@code ce_id}, {@code ce_type}, …) so that any Kafka tool shows what a record is; the record value is
 * the event's JSON.
 */
public record CloudEventAttributes(String id, String type, String source, Instant time) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    static final String HEADER_SPEC_VERSION = "ce_specversion";
    static final String HEADER_ID = "ce_id";
    static final String HEADER_TYPE = "ce_type";
    static final String HEADER_SOURCE = "ce_source";
    static final String HEADER_TIME = "ce_time";
    static final String HEADER_CONTENT_TYPE = "content-type";

    public CloudEventAttributes {
        Checks.requireText(id, "CloudEvents id");
        Checks.requireText(type, "CloudEvents type");
        Checks.requireText(source, "CloudEvents source");
        Checks.requirePresent(time, "CloudEvents time");
    }

    /** Adds the attributes to {@code headers}, replacing any previous CloudEvents headers. */
    public void writeTo(Headers headers) {
        put(headers, HEADER_SPEC_VERSION, SPEC_VERSION);
        put(headers, HEADER_ID, id);
        put(headers, HEADER_TYPE, type);
        put(headers, HEADER_SOURCE, source);
        put(headers, HEADER_TIME, time.toString());
        put(headers, HEADER_CONTENT_TYPE, CONTENT_TYPE);
    }

    /** Reads the attributes of a record, or says which one is missing or malformed. */
    public static CloudEventAttributes readFrom(Headers headers) {
        String specVersion = get(headers, HEADER_SPEC_VERSION);
        if (!SPEC_VERSION.equals(specVersion)) {
            throw new EventFormatException("record has CloudEvents spec version " + specVersion + ", expected "
                    + SPEC_VERSION);
        }
        String time = get(headers, HEADER_TIME);
        try {
            return new CloudEventAttributes(get(headers, HEADER_ID), get(headers, HEADER_TYPE),
                    get(headers, HEADER_SOURCE), Instant.parse(time));
        } catch (DateTimeParseException e) {
            throw new EventFormatException("record header " + HEADER_TIME + " is not an RFC 3339 time: " + time, e);
        } catch (IllegalArgumentException e) {
            throw new EventFormatException("record has an empty CloudEvents header: " + e.getMessage(), e);
        }
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String get(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            throw new EventFormatException("record has no " + name + " header");
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
