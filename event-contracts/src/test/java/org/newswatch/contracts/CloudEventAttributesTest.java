package org.newswatch.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class CloudEventAttributesTest {

    @Test
    void writesTheBinaryModeHeadersAndReadsThemBack() {
        var headers = new RecordHeaders();
        var attributes = Events.collected().cloudEvent("/feed-collector");
        attributes.writeTo(headers);
        attributes.writeTo(headers);

        assertEquals(6, headers.toArray().length, "writing twice replaces, it does not duplicate");
        assertEquals("1.0", header(headers, "ce_specversion"));
        assertEquals("a1b2c3", header(headers, "ce_id"));
        assertEquals(EventTypes.ARTICLE_COLLECTED, header(headers, "ce_type"));
        assertEquals("/feed-collector", header(headers, "ce_source"));
        assertEquals("2026-11-20T08:16:30.123Z", header(headers, "ce_time"));
        assertEquals(attributes, CloudEventAttributes.readFrom(headers));
    }

    @Test
    void missingHeaderIsNamed() {
        var headers = validHeaders();
        headers.remove("ce_type");
        var e = assertThrows(EventFormatException.class, () -> CloudEventAttributes.readFrom(headers));
        assertEquals("record has no ce_type header", e.getMessage());
    }

    @Test
    void badTimeIsNamed() {
        var headers = validHeaders();
        headers.remove("ce_time");
        headers.add("ce_time", "last tuesday".getBytes(StandardCharsets.UTF_8));
        var e = assertThrows(EventFormatException.class, () -> CloudEventAttributes.readFrom(headers));
        assertEquals("record header ce_time is not an RFC 3339 time: last tuesday", e.getMessage());
    }

    @Test
    void unknownSpecVersionIsRefused() {
        var headers = validHeaders();
        headers.remove("ce_specversion");
        headers.add("ce_specversion", "0.3".getBytes(StandardCharsets.UTF_8));
        var e = assertThrows(EventFormatException.class, () -> CloudEventAttributes.readFrom(headers));
        assertEquals("record has CloudEvents spec version 0.3, expected 1.0", e.getMessage());
    }

    private static RecordHeaders validHeaders() {
        var headers = new RecordHeaders();
        Events.collected().cloudEvent("/feed-collector").writeTo(headers);
        return headers;
    }

    private static String header(RecordHeaders headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
