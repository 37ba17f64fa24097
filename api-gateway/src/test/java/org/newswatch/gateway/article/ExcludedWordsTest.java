package org.newswatch.gateway.article;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExcludedWordsTest {

    @Test
    void wordsAndPhrasesAfterAMinusAreExcluded() {
        assertEquals(new ExcludedWords("court", "sanctions"), ExcludedWords.split("court -sanctions"));
        assertEquals(new ExcludedWords("\"criminal court\"", "\"four judges\" or cricket"),
                ExcludedWords.split("\"criminal court\" -\"four judges\" -cricket"));
        assertEquals(new ExcludedWords("", "sanctions"), ExcludedWords.split("-sanctions"));
    }

    @Test
    void aHyphenInsideAWordOrAQuoteOrAloneIsKept() {
        assertEquals(new ExcludedWords("court-packing", ""), ExcludedWords.split("court-packing"));
        assertEquals(new ExcludedWords("\"judges -x\"", ""), ExcludedWords.split("\"judges -x\""));
        assertEquals(new ExcludedWords("a - b", ""), ExcludedWords.split("a - b"));
        assertEquals(new ExcludedWords("a", "\"unclosed phrase"), ExcludedWords.split("a -\"unclosed phrase"));
    }
}
