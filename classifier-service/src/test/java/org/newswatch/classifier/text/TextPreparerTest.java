package org.newswatch.classifier.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class TextPreparerTest {

    private final TextPreparer preparer = new TextPreparer(TextLimits.DEFAULT);

    @Test
    void foldsCaseAccentsAndCompatibilityForms() {
        assertEquals("cour penale internationale", CharFolding.fold("Cour Pénale INTERNATIONALE"));
        assertEquals("strafmassnahmen", CharFolding.fold("Strafmaßnahmen"));
        assertEquals("icc", CharFolding.fold("ＩＣＣ"));
        assertEquals("sanctions", CharFolding.fold("sanc\u200Btions"), "zero-width space folds away");
        assertEquals("محكمه", CharFolding.fold("مَحْكَمَة"), "harakat dropped, ta marbuta unified");
    }

    @Test
    void wordsSplitOnApostrophesAndHyphensAndMapToTheOriginal() {
        PreparedField field = preparer.title("L'ICC — «Hague-based» Court");
        assertEquals(List.of("l", "icc", "hague", "based", "court"), words(field));
        int icc = 1;
        assertEquals("ICC", field.original().substring(field.originStart(icc), field.originEnd(icc)));
    }

    @Test
    void offsetsPointIntoTheOriginalHtml() {
        String html = "<p>Les &Eacute;tats-Unis <b>sanctionnent</b> la Cour p&eacute;nale internationale</p>";
        PreparedField field = preparer.summary(html);
        List<String> words = words(field);
        assertEquals(List.of("les", "etats", "unis", "sanctionnent", "la", "cour", "penale", "internationale"), words);
        int penale = words.indexOf("penale");
        assertEquals("p&eacute;nale", html.substring(field.originStart(penale), field.originEnd(penale)));
        int sanction = words.indexOf("sanctionnent");
        assertEquals("sanctionnent", html.substring(field.originStart(sanction), field.originEnd(sanction)));
        assertTrue(field.plain().contains("États-Unis"), field.plain());
    }

    @Test
    void scriptsAndStylesAreNotText() {
        PreparedField field = preparer.content("<script>var icc = 'sanctions';</script><style>p{}</style><p>Hello</p>");
        assertEquals(List.of("hello"), words(field));
    }

    @Test
    void proseWithALessThanSignIsNotParsedAsHtml() {
        PreparedField field = preparer.title("Turnout < 40% & falling");
        assertEquals("Turnout < 40% & falling", field.plain());
    }

    @Test
    void sentencesEndAtFullStopsButNotAtInitials() {
        Tokens tokens = preparer.summary("The U.S. sanctions the court. Judges protest.").tokens();
        assertEquals(0, tokens.sentence(3), "'sanctions' after U.S. is in the first sentence");
        assertEquals(0, tokens.sentence(5), "'court' ends the first sentence");
        assertEquals(1, tokens.sentence(6), "'judges' starts the second sentence");
    }

    @Test
    void truncatesToTheLimitWithoutSplittingASurrogatePair() {
        String text = "a".repeat(9) + "😀";
        assertEquals("a".repeat(9), TextPreparer.truncate(text, 10));
        assertEquals(text, TextPreparer.truncate(text, 11));
        assertEquals(20_000, preparer.content("x".repeat(100_000)).original().length());
    }

    @Test
    void arabicWordsAreAlsoReadWithoutJoinedArticleOrConjunction() {
        Tokens tokens = preparer.title("والمحكمة").tokens();
        assertEquals(1, tokens.count());
        assertEquals("محكمه", tokens.text().subSequence(tokens.strippedStart(0), tokens.end(0)).toString());
    }

    private static List<String> words(PreparedField field) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < field.tokens().count(); i++) {
            words.add(field.tokens().word(i));
        }
        return words;
    }
}
