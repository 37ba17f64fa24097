package org.newswatch.alert.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.newswatch.alert.subscription.KeywordMode;
import org.newswatch.contracts.ArticleClassified;

/** The matching rules on the fixture stories. */
class SubscriptionFilterTest {

    // Story 1: Le Monde, French: "Sanctions contre la Cour pénale internationale : les juges ciblés réagissent" …
    private static final MatchableArticle LE_MONDE = article(1, 0.9, 0.6);
    // Story 0: Reuters, English: "Washington imposes sanctions on ICC judges" … "the Rome Statute system" …
    private static final MatchableArticle REUTERS = article(0, 0.8, 0.2);

    private static MatchableArticle article(int story, double icc, double judicial) {
        ArticleClassified event = Stories.classified(Stories.all().get(story), "a" + story, icc, judicial, Instant.now());
        return new MatchableArticle(event);
    }

    private static Optional<Match> test(MatchableArticle article, List<String> topics, double minScore,
            List<String> languages, List<String> sources, List<String> keywords, KeywordMode mode) {
        return new SubscriptionFilter(topics, minScore, languages, sources, keywords, mode).test(article);
    }

    private static boolean keywords(MatchableArticle article, KeywordMode mode, String... keywords) {
        return test(article, List.of("icc-sanctions"), 0, List.of(), List.of(), List.of(keywords), mode).isPresent();
    }

    @Test
    void aTopicMatchesWhenFlaggedWithAtLeastTheMinimumScore() {
        Match match = test(LE_MONDE, List.of("icc-sanctions", "judicial-independence"), 0.5, List.of(), List.of(),
                List.of(), KeywordMode.ANY).orElseThrow();
        assertEquals(List.of(new Match.TopicHit("icc-sanctions", 0.9), new Match.TopicHit("judicial-independence", 0.6)),
                match.topics());
        assertTrue(test(LE_MONDE, List.of("judicial-independence"), 0.6, List.of(), List.of(), List.of(), KeywordMode.ANY)
                .isPresent(), "a score equal to the minimum matches");
        assertFalse(test(LE_MONDE, List.of("judicial-independence"), 0.7, List.of(), List.of(), List.of(), KeywordMode.ANY)
                .isPresent(), "the high icc score does not lift another topic");
        // 0.2 is not flagged: even a minimum of 0 does not match an unflagged topic.
        assertFalse(test(REUTERS, List.of("judicial-independence"), 0, List.of(), List.of(), List.of(), KeywordMode.ANY)
                .isPresent());
    }

    @Test
    void keywordsMatchWholeWordsIgnoringCaseAndAccents() {
        assertTrue(keywords(LE_MONDE, KeywordMode.ANY, "penale"), "pénale without its accent");
        assertTrue(keywords(LE_MONDE, KeywordMode.ANY, "CIBLÉS"));
        assertTrue(keywords(LE_MONDE, KeywordMode.ANY, "independance"), "l'indépendance: the apostrophe separates words");
        assertFalse(keywords(LE_MONDE, KeywordMode.ANY, "sanction"), "sanctions is another word");
        assertFalse(keywords(LE_MONDE, KeywordMode.ANY, "ONG demandent l"), "phrase whose last word is absent");
        assertTrue(keywords(REUTERS, KeywordMode.ANY, "human rights"), "Human-rights: the hyphen separates words");
    }

    @Test
    void phrasesNeedTheirWordsInOrderWithinOneField() {
        assertTrue(keywords(LE_MONDE, KeywordMode.ANY, "\"Statut de Rome\""));
        assertTrue(keywords(LE_MONDE, KeywordMode.ANY, "Cour pénale internationale"), "unquoted words form a phrase");
        assertFalse(keywords(LE_MONDE, KeywordMode.ANY, "\"Rome Statut\""), "order matters");
        assertFalse(keywords(REUTERS, KeywordMode.ANY, "\"list the sanctions\""),
                "the summary ends with \"list\", the content starts with \"The sanctions\": a phrase never spans two fields");
        assertTrue(keywords(REUTERS, KeywordMode.ANY, "\"sanctions list\""));
    }

    @Test
    void allNeedsEveryKeywordAndAnyOne() {
        assertTrue(keywords(REUTERS, KeywordMode.ALL, "sanctions", "\"Rome Statute\""));
        assertFalse(keywords(REUTERS, KeywordMode.ALL, "sanctions", "Kinshasa"));
        assertTrue(keywords(REUTERS, KeywordMode.ANY, "Kinshasa", "Treasury"));
        assertFalse(keywords(REUTERS, KeywordMode.ANY, "Kinshasa", "Lima"));
        Match match = test(REUTERS, List.of("icc-sanctions"), 0, List.of(), List.of(), List.of("sanctions", "judges"),
                KeywordMode.ALL).orElseThrow();
        assertEquals(List.of("sanctions", "judges"), match.keywords());
    }

    @Test
    void languagesCompareOnThePrimarySubtag() {
        assertTrue(test(LE_MONDE, List.of("icc-sanctions"), 0, List.of("fr-CA"), List.of(), List.of(), KeywordMode.ANY)
                .isPresent());
        assertTrue(test(LE_MONDE, List.of("icc-sanctions"), 0, List.of("en", "FR"), List.of(), List.of(), KeywordMode.ANY)
                .isPresent());
        assertFalse(test(LE_MONDE, List.of("icc-sanctions"), 0, List.of("en"), List.of(), List.of(), KeywordMode.ANY)
                .isPresent());
    }

    @Test
    void sourcesMatchByNameFeedIdHostOrParentDomain() {
        for (String source : List.of("le monde", "feed-lemonde-international", "lemonde.fr", "www.lemonde.fr",
                "https://www.lemonde.fr/rss/une.xml")) {
            assertTrue(test(LE_MONDE, List.of("icc-sanctions"), 0, List.of(), List.of(source), List.of(), KeywordMode.ANY)
                    .isPresent(), source);
        }
        for (String source : List.of("monde", "fr", "reuters", "lemonde.com")) {
            assertFalse(test(LE_MONDE, List.of("icc-sanctions"), 0, List.of(), List.of(source), List.of(), KeywordMode.ANY)
                    .isPresent(), source);
        }
    }

    @Test
    void wordsAreLowerCaseWithoutAccents() {
        assertEquals(List.of("cour", "penale", "l", "independance", "du", "juge", "2026"),
                Words.of("Cour PÉNALE, l’indépendance du juge (2026)"));
        assertEquals(List.of("istanbul", "ankara"), Words.of("İstanbul—Ankara"));
        assertEquals(List.of(), Words.of(" -- "));
    }
}
