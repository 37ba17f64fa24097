package org.newswatch.contracts;

import java.io.IOException;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON form of the events: ISO-8601 times, absent fields for nulls, and unknown fields ignored on read
 * so that a producer may add a field without breaking older consumers.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private EventJson() {
    }

    public static byte[] write(Object event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + event.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * Reads one event.
     *
     * @throws EventFormatException naming the field and the problem when the bytes are not a valid event
     */
    public static <T> T read(byte[] json, Class<T> type) {
        if (json == null || json.length == 0) {
            throw new EventFormatException("empty where a " + type.getSimpleName() + " was expected");
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonMappingException e) {
            throw new EventFormatException(describe(e, type), e);
        } catch (IOException e) {
            throw new EventFormatException("not a " + type.getSimpleName() + ": malformed JSON: "
                    + firstLine(e.getMessage()), e);
        }
    }

    private static String describe(JsonMappingException e, Class<?> type) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                .orElse("");
        // A record constructor's own check carries the clearest message; Jackson wraps it.
        Throwable cause = e.getCause();
        String problem = cause instanceof IllegalArgumentException ? cause.getMessage()
                : firstLine(e.getOriginalMessage());
        return "not a valid " + type.getSimpleName() + (path.isEmpty() ? "" : " at " + path) + ": " + problem;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
