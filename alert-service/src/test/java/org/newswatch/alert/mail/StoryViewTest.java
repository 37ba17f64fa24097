package org.newswatch.alert.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.newswatch.alert.testing.Stories;
import org.newswatch.contracts.ArticleClassified;
import org.newswatch.contracts.ArticleCollected;
import org.newswatch.contracts.Evidence;

class StoryViewTest {

    @Test
    void evidenceIsCutFromItsFieldWithContextOnEachSide() {
        StoryView view = StoryView.of(Stories.iccSanctions("x"), List.of(Stories.ICC), ZoneOffset.UTC, "link");
        assertEquals(List.of("icc-sanctions"), view.topicIds());
        var title = view.topics().get(0).evidence().get(0);
        assertEquals("title", title.field());
        assertEquals("Washington ", title.before());
        assertEquals("sanctions ICC prosecutor", title.match());
        assertEquals("", title.after());
        var summary = view.topics().get(0).evidence().get(1);
        assertEquals("International Criminal Court", summary.match());
        assertEquals("The United States froze the assets of the ", summary.before());
        assertEquals("'s chief prosecutor on Thursday, a move condemned by human-r…", summary.after());
        assertEquals("0.97", view.topics().get(0).score());
        assertEquals("20 Nov 2026, 08:15 Z", view.publishedAt());
    }

    @Test
    void longFieldsAreTrimmedAroundTheMatch() {
        String content = "a".repeat(200) + "MATCH" + "b".repeat(200);
        var evidence = StoryView.evidence(article("t", content), new Evidence("content", 200, 205, "MATCH", "r"));
        assertEquals("…" + "a".repeat(StoryView.CONTEXT), evidence.before());
        assertEquals("MATCH", evidence.match());
        assertEquals("b".repeat(StoryView.CONTEXT) + "…", evidence.after());
    }

    @Test
    void offsetsThatDoNotFitTheTextShowTheMatchedTextAlone() {
        var evidence = StoryView.evidence(article("short", ""), new Evidence("title", 10, 30, "stale text", "r"));
        assertEquals("", evidence.before());
        assertEquals("stale text", evidence.match());
        assertEquals("", evidence.after());
    }

    @Test
    void onlyWatchedTopicsAreShownWhenThereAreAny() {
        var both = Stories.bothTopics("y");
        assertEquals(List.of("judicial-independence"),
                StoryView.of(both, List.of(Stories.JUDICIAL), ZoneOffset.UTC, "l").topicIds());
        assertEquals(List.of("icc-sanctions", "judicial-independence"),
                StoryView.of(both, List.of("other"), ZoneOffset.UTC, "l").topicIds());
    }

    @Test
    void nonHttpLinksAreNotShownAsLinks() {
        var story = Stories.iccSanctions("z");
        ArticleCollected a = story.article();
        var scripted = new ArticleClassified(new ArticleCollected(a.id(), a.feedId(), a.feedUrl(), a.source(),
                "javascript:alert(1)", null, a.guid(), a.title(), a.summary(), a.content(), a.language(), a.author(),
                a.categories(), a.publishedAt(), a.updatedAt(), a.collectedAt()), story.classification(),
                story.classifiedAt());
        assertNull(StoryView.of(scripted, List.of(), ZoneId.of("Europe/Paris"), "l").url());
    }

    private static ArticleCollected article(String title, String content) {
        var base = Stories.iccSanctions("c").article();
        return new ArticleCollected("c", "f", null, "s", null, null, null, title, "", content, "en", null, List.of(),
                base.publishedAt(), null, base.collectedAt());
    }

}
