package org.newswatch.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class EventJsonTest {

    @Test
    void articleCollectedRoundTripsThroughJson() {
        ArticleCollected event = Events.collected();
        assertEquals(event, EventJson.read(EventJson.write(event), ArticleCollected.class));
    }

    @Test
    void articleClassifiedRoundTripsThroughJson() {
        ArticleClassified event = Events.classified();
        assertEquals(event, EventJson.read(EventJson.write(event), ArticleClassified.class));
    }

    @Test
    void jsonUsesIsoTimesAndLeavesOutNulls() {
        String json = new String(EventJson.write(Events.collected()), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"publishedAt\":\"2026-11-20T08:15:00Z\""), json);
        assertFalse(json.contains("updatedAt"), "a null field is absent, not null: " + json);
    }

    @Test
    void unknownFieldsFromANewerProducerAreIgnored() {
        String json = """
                {"id":"x1","feedId":"f1","title":"T","summary":"S","content":"","categories":[],
                 "publishedAt":"2026-11-20T08:15:00Z","collectedAt":"2026-11-20T08:16:00Z",
                 "sentiment":{"score":0.3},"fieldAddedInV1_1":"whatever"}
                """;
        ArticleCollected event = EventJson.read(json.getBytes(StandardCharsets.UTF_8), ArticleCollected.class);
        assertEquals("x1", event.id());
        assertEquals("T", event.title());
    }

    @Test
    void optionalTextAndListsDefaultToEmpty() {
        String json = """
                {"id":"x1","feedId":"f1","publishedAt":"2026-11-20T08:15:00Z","collectedAt":"2026-11-20T08:16:00Z"}
                """;
        ArticleCollected event = EventJson.read(json.getBytes(StandardCharsets.UTF_8), ArticleCollected.class);
        assertEquals("", event.title());
        assertEquals(List.of(), event.categories());
    }

    @Test
    void malformedJsonSaysSo() {
        var e = assertThrows(EventFormatException.class,
                () -> EventJson.read("{\"id\": \"x1\", ".getBytes(StandardCharsets.UTF_8), ArticleCollected.class));
        assertTrue(e.getMessage().startsWith("not a ArticleCollected: malformed JSON"), e.getMessage());
    }

    @Test
    void missingRequiredFieldIsNamed() {
        var e = assertThrows(EventFormatException.class, () -> EventJson.read(
                "{\"feedId\":\"f1\",\"publishedAt\":\"2026-11-20T08:15:00Z\",\"collectedAt\":\"2026-11-20T08:15:00Z\"}"
                        .getBytes(StandardCharsets.UTF_8), ArticleCollected.class));
        assertEquals("not a valid ArticleCollected: article id is missing", e.getMessage());
    }

    @Test
    void wrongTypeNamesTheFieldPath() {
        String json = new String(EventJson.write(Events.classified()), StandardCharsets.UTF_8)
                .replace("\"score\":0.97", "\"score\":\"high\"");
        var e = refused(json, ArticleClassified.class);
        assertTrue(e.getMessage().startsWith("not a valid ArticleClassified at classification.topics[0].score:"),
                e.getMessage());
    }

    @Test
    void badTimeIsRefused() {
        String json = new String(EventJson.write(Events.collected()), StandardCharsets.UTF_8)
                .replace("2026-11-20T08:15:00Z", "yesterday");
        var e = refused(json, ArticleCollected.class);
        assertTrue(e.getMessage().contains("at publishedAt"), e.getMessage());
    }

    @Test
    void scoreOutsideUnitIntervalIsRefused() {
        String json = new String(EventJson.write(Events.classified()), StandardCharsets.UTF_8)
                .replace("\"score\":0.97", "\"score\":1.5");
        var e = refused(json, ArticleClassified.class);
        assertTrue(e.getMessage().contains("score of topic icc-sanctions is 1.5, not in [0, 1]"), e.getMessage());
    }

    @Test
    void inconsistentFlagIsRefused() {
        String json = new String(EventJson.write(Events.classified()), StandardCharsets.UTF_8)
                .replace("\"classifierVersion\":\"rules-1.0.0\",\"flagged\":true",
                        "\"classifierVersion\":\"rules-1.0.0\",\"flagged\":false");
        var e = refused(json, ArticleClassified.class);
        assertTrue(e.getMessage().contains("flagged is false but a topic is flagged"), e.getMessage());
    }

    private static EventFormatException refused(String json, Class<?> type) {
        return assertThrows(EventFormatException.class,
                () -> EventJson.read(json.getBytes(StandardCharsets.UTF_8), type));
    }

    @Test
    void emptyRecordIsRefused() {
        var e = assertThrows(EventFormatException.class, () -> EventJson.read(new byte[0], ArticleCollected.class));
        assertEquals("empty where a ArticleCollected was expected", e.getMessage());
    }

    @Test
    void deserializerNamesTheTopic() {
        try (var deserializer = new EventDeserializer.ArticleCollectedDeserializer()) {
            var e = assertThrows(EventFormatException.class,
                    () -> deserializer.deserialize(Topics.ARTICLES, "not json".getBytes(StandardCharsets.UTF_8)));
            assertTrue(e.getMessage().startsWith("record on news.articles.v1 is not a ArticleCollected"),
                    e.getMessage());
        }
    }
}
