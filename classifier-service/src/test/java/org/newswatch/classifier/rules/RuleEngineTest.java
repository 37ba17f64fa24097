package org.newswatch.classifier.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.newswatch.classifier.text.PreparedField;
import org.newswatch.classifier.text.TextLimits;
import org.newswatch.classifier.text.TextPreparer;
import org.newswatch.classifier.topic.TopicCatalog;
import org.newswatch.classifier.topic.TopicFileReaderTest;
import org.newswatch.contracts.Evidence;
import org.newswatch.contracts.TopicScore;

/** Scoring on a small topic whose numbers can be worked out by hand. */
class RuleEngineTest {

    private final RuleEngine engine = RuleEngine.compile(
            TopicCatalog.of(List.of(new TopicCatalog.Source("demo.yaml", TopicFileReaderTest.VALID))).topics());
    private final TextPreparer preparer = new TextPreparer(TextLimits.DEFAULT);

    @Test
    void oneOccurrenceScoresRuleWeightTimesTermWeights() {
        TopicScore score = score("US sanctions the ICC", "");
        // the negative context "court" (factor 0.1) fires too: 0.9 x 1.0 x 0.8 x 0.1
        assertEquals(0.072, score.score(), 1e-9);
        assertFalse(score.flagged());
    }

    @Test
    void evidenceNamesFieldOffsetsTextAndRule() {
        TopicScore score = score("Washington", "It will sanction the International Criminal Court.");
        Evidence sanction = score.evidence().stream().filter(e -> e.text().equals("sanction")).findFirst().orElseThrow();
        assertEquals(new Evidence("summary", 8, 16, "sanction", "measure-near-court"), sanction);
        assertTrue(score.evidence().stream().anyMatch(e -> e.text().equals("International Criminal Court")
                && e.rule().equals("measure-near-court")));
        assertTrue(score.evidence().stream().anyMatch(e -> e.rule().equals("negative:cricket")));
    }

    @Test
    void matchesTooFarApartDoNotFire() {
        assertEquals(0.0, score("sanctions " + "word ".repeat(7) + "icc", "").score());
    }

    @Test
    void moreEvidenceNeverLowersTheScore() {
        double one = score("sanctions on the icc", "").score();
        double two = score("sanctions on the icc", "new sanctions hit the international criminal court").score();
        assertTrue(two > one, one + " then " + two);
    }

    @Test
    void theSameInputGivesTheSameScore() {
        assertEquals(score("sanctions on the icc", "x"), score("sanctions on the icc", "x"));
    }

    private TopicScore score(String title, String summary) {
        List<PreparedField> fields = List.of(preparer.title(title), preparer.summary(summary), preparer.content(""));
        return engine.score(fields, "en").get(0);
    }
}
