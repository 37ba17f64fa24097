package org.newswatch.collector.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** HTML from feeds becomes plain text with paragraphs kept and nothing executable or invisible left. */
class HtmlTextTest {

    @Test
    void scriptsStylesAndEmbeddedObjectsAreDroppedWithTheirText() {
        String html = "<p>Before</p><script>document.write('evil')</script><style>.x{}</style>"
                + "<iframe src=\"https://evil.example\">frame text</iframe><noscript>enable JS</noscript>"
                + "<svg><text>svg text</text></svg><p onclick=\"steal()\">After</p>";
        assertEquals("Before\n\nAfter", HtmlText.toText(html));
    }

    @Test
    void paragraphsBecomeBlankLinesAndBreaksNewlines() {
        assertEquals("One\n\nTwo\nstill two\n\nThree", HtmlText.toText("<p>One</p><p>Two<br>still two</p><h2>Three</h2>"));
        assertEquals("a\nb\n\nc", HtmlText.toText("<ul><li>a</li><li>b</li></ul>c"));
        assertEquals("item one\nitem two", HtmlText.toText("<div>item one</div><div>item two</div>"));
    }

    @Test
    void preformattedTextKeepsItsLineBreaksButNotItsIndentation() {
        assertEquals("line 1\nline 2", HtmlText.toText("<pre>line 1\n  line 2</pre>"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            AT&amp;T &lt;3                      | AT&T <3
            caf&eacute; &#233; &#xE9;           | café é é
            Don&#146;t                          | Don’t
            <b>bold</b>   and   <i>spaced</i>    | bold and spaced
            a&nbsp;b                            | a b
            <a href="javascript:alert(1)">link text</a> | link text
            """)
    void entitiesAndInlineMarkupOnOneLine(String html, String text) {
        assertEquals(text, HtmlText.toLine(html));
    }

    @Test
    void controlCharactersGoAndC1CodesBecomeTheWindows1252CharactersTheyMeant() {
        assertEquals("don’t “quote” – x", HtmlText.cleanText("don\u0092t \u0093quote\u0094 \u0096 x\u0000\u0007"));
        assertEquals("a\nb", HtmlText.cleanText("a\r\nb\u200B"));
    }

    @Test
    void plainTextWithAngleBracketsStaysText() {
        assertEquals("History of the <blink> tag", FeedText.plain("History of the <blink> tag").toLine());
        assertEquals("History of the tag", FeedText.html("History of the <blink> tag").toLine());
    }

    @Test
    void htmlIsRecognisedByTagsOrEntitiesOnly() {
        assertTrue(HtmlText.looksLikeHtml("Q&amp;A"));
        assertTrue(HtmlText.looksLikeHtml("<em>x</em>"));
        assertFalse(HtmlText.looksLikeHtml("AT&T is 3 < 4"));
    }
}
