package org.newswatch.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.newswatch.contracts.Classification;
import org.newswatch.contracts.Evidence;
import org.newswatch.contracts.TopicScore;

/** Odd input always gets a classification of every topic, never an exception. */
class BadInputTest {

    private final TopicClassifier classifier = TestClassifiers.shared();

    @Test
    void emptyAndNullFields() {
        Classification empty = classifier.classify("", "", "", null);
        assertEquals("und", empty.language());
        assertEquals(2, empty.topics().size());
        assertFalse(empty.flagged());
        assertEquals("und", classifier.classify(null, null, null, null).language());
        assertEquals("fr", classifier.classify("", "", "", "fr").language(), "the declared language when nothing to read");
    }

    @Test
    void hugeContentIsReadUpToTheLimit() {
        String huge = "Sanctions against the International Criminal Court. " + "filler text ".repeat(450_000);
        assertTrue(huge.length() > 5_000_000);
        Classification classification = classifier.classify("", "", huge, null);
        assertTrue(score(classification, "icc-sanctions").flagged());
        assertTrue(score(classification, "icc-sanctions").evidence().stream().allMatch(e -> e.end() < 20_000));
    }

    @Test
    void htmlLadenFieldsAreReadAsText() {
        String summary = "<div class=\"x\"><script>alert('icc sanctions')</script><p>Washington imposed "
                + "<a href=\"/s\">sanctions</a> on the <em>International Criminal Court</em>&nbsp;prosecutor.</p></div>";
        Classification classification = classifier.classify("<h1>News</h1>", summary, "", "en");
        TopicScore sanctions = score(classification, "icc-sanctions");
        assertTrue(sanctions.flagged(), sanctions.toString());
        for (Evidence evidence : sanctions.evidence()) {
            assertEquals(evidence.text(), summary.substring(evidence.start(), evidence.end()));
            assertFalse(evidence.text().contains("alert"));
        }
    }

    @Test
    void mixedLanguageText() {
        Classification classification = classifier.classify("Sanctions contre la CPI",
                "Washington imposed sanctions on the International Criminal Court; la Cour pénale internationale "
                        + "dénonce une attaque.", "", null);
        assertTrue(score(classification, "icc-sanctions").flagged());
    }

    @Test
    void unknownLanguageUsesEveryLanguagesTerms() {
        Classification unknown = classifier.classify("CPI: sanción", "", "", null);
        assertEquals("und", unknown.language(), "too short to tell, nothing declared");
        assertTrue(score(unknown, "icc-sanctions").flagged(), "with the language unknown, every language's terms apply");

        Classification portuguese = classifier.classify("Sanções dos EUA contra o Tribunal Penal Internacional",
                "Os Estados Unidos anunciaram sanções contra juízes do tribunal.", "", "pt");
        assertTrue(List.of("es", "pt").contains(portuguese.language()), portuguese.language());
        assertEquals(2, portuguese.topics().size());
    }

    @Test
    void oddUnicode() {
        String odd = "\u202Eevil\u202C \uD800 lone \uDC00 surrogates \u200B\u200D zero\uFEFF-width 😀🇺🇳 "
                + "\u0000\u0007 controls 𝐈𝐂𝐂 math letters \u0301 combining";
        Classification classification = classifier.classify(odd, odd, odd, odd);
        assertEquals(2, classification.topics().size());

        Classification hidden = classifier.classify("New sanc\u200Btions on the ICC", "", "", null);
        TopicScore sanctions = score(hidden, "icc-sanctions");
        assertTrue(sanctions.flagged(), "a zero-width space does not split the word");
        assertTrue(sanctions.evidence().stream().anyMatch(e -> e.text().equals("sanc\u200Btions")),
                "evidence is the original text: " + sanctions.evidence());
    }

    @Test
    void rightToLeftMarksDoNotHideArabicTerms() {
        Classification classification = classifier.classify(
                "\u200Fواشنطن تفرض عقوبات على قضاة \u200Fالمحكمة الجنائية الدولية", "", "", null);
        assertEquals("ar", classification.language());
        assertTrue(score(classification, "icc-sanctions").flagged());
    }

    private static TopicScore score(Classification classification, String topic) {
        return classification.topics().stream().filter(t -> t.topic().equals(topic)).findFirst().orElseThrow();
    }
}
