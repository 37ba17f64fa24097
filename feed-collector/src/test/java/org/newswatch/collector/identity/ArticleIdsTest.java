package org.newswatch.collector.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ArticleIdsTest {

    @Test
    void idIsA128BitHexHashOfTheCanonicalUrl() {
        String id = ArticleIds.of("feed-a", "https://news.example.com/story?id=1", "g1", "t", "s");
        assertTrue(id.matches("[0-9a-f]{32}"), id);
        assertEquals(ArticleIds.fromCanonicalUrl("https://news.example.com/story?id=1"), id);
    }

    @Test
    void sameStoryLinkedDifferentlyInTwoFeedsHasOneId() {
        String inA = ArticleIds.of("feed-a", "https://News.Example.com:443/story?id=1&utm_source=a#top", "guid-a",
                "Title A", "Summary A");
        String inB = ArticleIds.of("feed-b", "http://news.example.com/story?fbclid=zz&id=1", "guid-b",
                "Another title", "Another summary");
        assertEquals(inA, inB, "tracking, case, port, fragment and http/https make no difference");
    }

    @Test
    void withoutUsableLinkTheGuidIdentifiesTheItemWithinItsFeed() {
        String a = ArticleIds.of("feed-a", null, "tag:x,2025:1", "T", "S");
        assertEquals(ArticleIds.of("feed-a", "not a url", "tag:x,2025:1", "other", "other"), a,
                "title and summary do not matter once a guid is there");
        assertNotEquals(ArticleIds.of("feed-b", null, "tag:x,2025:1", "T", "S"), a, "guids are only unique per feed");
    }

    @Test
    void withoutLinkOrGuidFeedTitleAndSummaryIdentifyTheItem() {
        String a = ArticleIds.of("feed-a", null, null, "Title", "Summary");
        assertEquals(ArticleIds.of("feed-a", null, " ", " Title ", "Summary"), a);
        assertNotEquals(ArticleIds.of("feed-a", null, null, "Title", "Other summary"), a);
        assertNotEquals(ArticleIds.of("feed-b", null, null, "Title", "Summary"), a);
    }

    @Test
    void theThreeKindsOfInputNeverCollide() {
        assertNotEquals(ArticleIds.fromGuid("f", "x"), ArticleIds.fromText("f", "x", ""));
        assertNotEquals(ArticleIds.fromCanonicalUrl("https://f/x"), ArticleIds.fromGuid("f", "x"));
    }
}
