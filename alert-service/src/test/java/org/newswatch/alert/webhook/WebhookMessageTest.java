package org.newswatch.alert.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.newswatch.alert.testing.Stories;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The webhook body has exactly the shape ARCHITECTURE.md promises receivers. */
class WebhookMessageTest {

    @Test
    void bodyCarriesTheStoryItsTimesAndTheFlaggedTopicsOnly() throws Exception {
        var story = Stories.iccSanctions("a1b2c3");
        String json = WebhookMessage.of(story, Instant.parse("2026-11-20T08:16:31Z"),
                "https://newswatch.example.org/api/v1/articles/a1b2c3").toJson();
        JsonNode body = new ObjectMapper().readTree(json);

        assertEquals("article.flagged", body.get("type").asText());
        assertEquals("2026-11-20T08:16:31Z", body.get("timestamp").asText());
        JsonNode data = body.get("data");
        assertEquals("a1b2c3", data.get("articleId").asText());
        assertEquals("Washington sanctions ICC prosecutor", data.get("title").asText());
        assertEquals("https://news.example.org/a1b2c3", data.get("url").asText(), "the canonical URL, tracking stripped");
        assertEquals("Example News", data.get("source").asText());
        assertEquals("en", data.get("language").asText());
        assertEquals("2026-11-20T08:15:00Z", data.get("publishedAt").asText());
        assertEquals(story.article().summary(), data.get("summary").asText());
        assertEquals("2026-11-20T08:16:00.123Z", data.get("collectedAt").asText());
        assertEquals("2026-11-20T08:16:30.456Z", data.get("classifiedAt").asText());
        assertEquals("https://newswatch.example.org/api/v1/articles/a1b2c3", data.get("link").asText());

        assertEquals(1, data.get("topics").size(), "only flagged topics");
        JsonNode topic = data.get("topics").get(0);
        assertEquals("icc-sanctions", topic.get("topic").asText());
        assertEquals(0.97, topic.get("score").asDouble());
        assertEquals(true, topic.get("flagged").asBoolean());
        JsonNode evidence = topic.get("evidence").get(0);
        assertEquals("title", evidence.get("field").asText());
        assertEquals(11, evidence.get("start").asInt());
        assertEquals(35, evidence.get("end").asInt());
        assertEquals("sanctions ICC prosecutor", evidence.get("text").asText());
        assertEquals("sanction-near-court", evidence.get("rule").asText());
    }

    @Test
    void theSameDeliveryAlwaysGetsTheSameBytes() {
        var story = Stories.iccSanctions("same");
        Instant matched = Instant.parse("2026-11-20T08:16:31Z");
        assertEquals(WebhookMessage.of(story, matched, "l").toJson(), WebhookMessage.of(story, matched, "l").toJson());
    }
}
