package org.newswatch.collector.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.newswatch.contracts.ArticleCollected;

/** Missing, unreadable and absurd dates become the collection time; sane ones are kept. */
class ItemDatesTest {

    @Test
    void eachKindOfDateInTheFixture() throws FeedParseException {
        Map<String, Instant> published = Feeds.read("dates.xml", "application/rss+xml", "https://dates.example.org/rss")
                .articles().stream().collect(Collectors.toMap(ArticleCollected::title, ArticleCollected::publishedAt));
        Instant collected = Feeds.COLLECTED_AT;

        assertEquals(collected, published.get("Epoch"), "1970 is a CMS default, not a date");
        assertEquals(collected, published.get("Before 1990"));
        assertEquals(collected, published.get("Far future"));
        assertEquals(Instant.parse("2025-06-12T00:00:00Z"), published.get("Twelve hours ahead (clock skew)"),
                "less than a day ahead is kept");
        assertEquals(collected, published.get("Nonsense"));
        assertEquals(collected, published.get("Missing"));
        assertEquals(Instant.parse("2025-06-01T10:00:00Z"), published.get("Dublin Core"));
        assertEquals(Instant.parse("2025-06-01T10:00:00Z"), published.get("No time zone"), "read as UTC");
    }

    @Test
    void boundaries() {
        Instant collected = Instant.parse("2025-06-11T12:00:00Z");
        assertEquals(ItemDates.EARLIEST, ItemDates.publishedAt(ItemDates.EARLIEST, null, collected));
        Instant dayAhead = collected.plus(ItemDates.MAX_AHEAD);
        assertEquals(dayAhead, ItemDates.publishedAt(dayAhead, null, collected));
        assertEquals(collected, ItemDates.publishedAt(dayAhead.plusSeconds(1), null, collected));
        assertEquals(collected, ItemDates.publishedAt(ItemDates.EARLIEST.minusSeconds(1), null, collected));
    }

    @Test
    void absurdPublishedDateFallsBackToASaneUpdatedDate() {
        Instant collected = Instant.parse("2025-06-11T12:00:00Z");
        Instant updated = Instant.parse("2025-06-10T08:00:00Z");
        assertEquals(updated, ItemDates.publishedAt(Instant.EPOCH, updated, collected));
        assertEquals(null, ItemDates.updatedAt(Instant.parse("2999-01-01T00:00:00Z"), collected));
    }
}
