package org.newswatch.collector.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.newswatch.collector.identity.ArticleIds;
import org.newswatch.contracts.ArticleCollected;

/** One story, one id: across reordering and re-dating, across feeds, and within a feed that repeats itself. */
class ArticleIdentityTest {

    @Test
    void reorderedRedatedAndRetitledItemsKeepTheirIds() throws FeedParseException {
        List<String> before = ids(read("feed-a.xml", "feed-a", "https://a.example.org/rss"));
        List<String> after = ids(read("feed-a-reordered-redated.xml", "feed-a", "https://a.example.org/rss"));

        assertEquals(3, before.size());
        assertEquals(before, List.of(after.get(2), after.get(1), after.get(0)));
    }

    @Test
    void sameStoryUrlInTwoFeedsHasOneIdButAGuidOnlyItemBelongsToItsFeed() throws FeedParseException {
        Map<String, ArticleCollected> a = byTitle(read("feed-a.xml", "feed-a", "https://a.example.org/rss"));
        Map<String, ArticleCollected> b = byTitle(read("feed-b.atom", "feed-b", "https://b.example.org/atom"));

        assertEquals(a.get("ICC prosecutor sanctioned").id(), b.get("Sanctions hit ICC prosecutor").id(),
                "same canonical URL, different tracking, case, port, title and guid");
        assertEquals("https://news.example.com/icc-prosecutor", b.get("Sanctions hit ICC prosecutor").canonicalUrl());
        assertTrue(!a.get("Guid-only note").id().equals(b.get("Guid-only note").id()),
                "a guid is only unique within its feed");
        assertEquals(ArticleIds.fromGuid("feed-b", "note-3"), b.get("Guid-only note").id());
    }

    @Test
    void duplicatesWithinOneFeedCollapseToTheFirstAndUnusableLinksAreDropped() throws FeedParseException {
        FeedReading reading = read("duplicates.xml", "feed-d", "https://dup.example.org/rss");
        List<String> titles = reading.articles().stream().map(ArticleCollected::title).toList();

        assertEquals(List.of("First copy", "Other story", "Same guid twice", "No identity at all", "Script link",
                "Bare guid is not a link"), titles);
        assertEquals(ArticleIds.fromText("feed-d", "No identity at all", "Only text"), reading.articles().get(3).id());
        ArticleCollected script = reading.articles().get(4);
        assertNull(script.url(), "a javascript: link never reaches an href downstream");
        assertEquals(ArticleIds.fromText("feed-d", "Script link", ""), script.id());
        ArticleCollected bareGuid = reading.articles().get(5);
        assertNull(bareGuid.url(), "a permalink guid that is no URL is not resolved into one");
        assertEquals(ArticleIds.fromGuid("feed-d", "12345"), bareGuid.id());
        assertEquals(List.of(
                "item 7 has no link, guid, title or text, so it was skipped",
                "item 8 links to a javascript: address; only http and https links are kept",
                "2 items repeat an earlier item of the feed (same article id) and collapsed into it"),
                reading.notices());
    }

    @Test
    void sourceIsTheRegistryTitleElseTheFeedTitleElseTheHost() throws FeedParseException {
        FeedReader reader = new FeedReader();
        FeedDocument document = new FeedDocument(Feeds.bytes("identity/feed-a.xml"), null,
                URI.create("https://a.example.org/rss"));
        FeedDocument untitled = new FeedDocument(
                "<rss version=\"2.0\"><channel><item><link>https://x.example/1</link></item></channel></rss>".getBytes(),
                null, URI.create("https://final.example.net/rss"));

        assertEquals("Registry name", reader.read(document,
                new FeedSource("f", "https://a.example.org/rss", "Registry name"), Feeds.COLLECTED_AT)
                .articles().get(0).source());
        assertEquals("Feed A", reader.read(document,
                new FeedSource("f", "https://a.example.org/rss", " "), Feeds.COLLECTED_AT).articles().get(0).source());
        assertEquals("feeds.example.org", reader.read(untitled,
                new FeedSource("f", "https://Feeds.Example.org/rss", null), Feeds.COLLECTED_AT)
                .articles().get(0).source());
    }

    private static FeedReading read(String fixture, String feedId, String url) throws FeedParseException {
        return Feeds.READER.read(new FeedDocument(Feeds.bytes("identity/" + fixture), null, URI.create(url)),
                new FeedSource(feedId, url, null), Feeds.COLLECTED_AT);
    }

    private static List<String> ids(FeedReading reading) {
        return reading.articles().stream().map(ArticleCollected::id).toList();
    }

    private static Map<String, ArticleCollected> byTitle(FeedReading reading) {
        return reading.articles().stream().collect(Collectors.toMap(ArticleCollected::title, Function.identity()));
    }
}
