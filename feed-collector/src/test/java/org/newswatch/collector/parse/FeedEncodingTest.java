package org.newswatch.collector.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.newswatch.contracts.ArticleCollected;

/**
 * Encodings from the byte order mark, the HTTP charset and the XML declaration, in that order (RFC 7303), and what
 * happens when they lie: the text is still right, and a notice says what was repaired.
 */
class FeedEncodingTest {

    private static final String URL = "https://enc.example.org/feed";

    @Test
    void utf8BomBeatsAContradictingHttpCharset() throws FeedParseException {
        FeedReading reading = read("utf8-bom.xml", "text/xml; charset=ISO-8859-1");
        assertEquals("UTF-8", reading.feed().encoding());
        assertEquals("Été – “quoted”", first(reading).summary());
        assertEquals(List.of("the byte order mark says UTF-8, so the HTTP charset ISO-8859-1 was ignored"),
                reading.notices());
    }

    @Test
    void utf16LittleEndianBom() throws FeedParseException {
        FeedReading reading = read("utf16le-bom.xml", "application/rss+xml");
        assertEquals("UTF-16LE", reading.feed().encoding());
        assertEquals("Cour pénale", first(reading).title());
    }

    @Test
    void utf16WithoutBomIsRecognisedFromTheFirstBytes() throws FeedParseException {
        FeedReading reading = read("utf16be-no-bom.xml", null);
        assertEquals("UTF-16BE", reading.feed().encoding());
        assertEquals("Été", first(reading).summary());
    }

    @Test
    void windows1252FromTheXmlDeclaration() throws FeedParseException {
        FeedReading reading = read("windows-1252.xml", "application/rss+xml");
        assertEquals("windows-1252", reading.feed().encoding());
        assertEquals("€ 5 – “quoted” don’t", first(reading).summary());
        assertEquals(List.of(), reading.notices());
    }

    @Test
    void iso88591FromTheXmlDeclaration() throws FeedParseException {
        FeedReading reading = read("iso-8859-1.xml", null);
        assertEquals("ISO-8859-1", reading.feed().encoding());
        assertEquals("Straße, garçon", first(reading).summary());
    }

    @Test
    void textXmlWithoutCharsetLetsTheDeclarationDecideNotUsAscii() throws FeedParseException {
        FeedReading reading = read("windows-1252.xml", "text/xml");
        assertEquals("windows-1252", reading.feed().encoding(), "RFC 7303 dropped RFC 3023's US-ASCII default");
    }

    @Test
    void httpCharsetBeatsTheXmlDeclaration() throws FeedParseException {
        FeedReading withHttp = read("iso-8859-15-declared-iso-8859-1.xml", "text/xml; charset=\"iso-8859-15\"");
        assertEquals("ISO-8859-15", withHttp.feed().encoding());
        assertEquals("Coût: 10 €", first(withHttp).summary());

        FeedReading withoutHttp = read("iso-8859-15-declared-iso-8859-1.xml", "application/xml");
        assertEquals("Coût: 10 ¤", first(withoutHttp).summary(), "the declaration alone says ISO-8859-1");
    }

    @Test
    void shiftJis() throws FeedParseException {
        FeedReading reading = read("shift_jis.xml", "application/rss+xml");
        assertEquals("Shift_JIS", reading.feed().encoding());
        assertEquals("国際刑事裁判所", first(reading).title());
        assertEquals("制裁について", first(reading).summary());
    }

    @Test
    void eucKr() throws FeedParseException {
        FeedReading reading = read("euc-kr.xml", null);
        assertEquals("EUC-KR", reading.feed().encoding());
        assertEquals("국제형사재판소", first(reading).title());
    }

    @Test
    void httpCharsetThatLiesAboutAMultiByteBodyFallsBackToTheDeclaration() throws FeedParseException {
        FeedReading reading = read("euc-kr.xml", "text/xml; charset=utf-8");
        assertEquals("EUC-KR", reading.feed().encoding());
        assertEquals("국제형사재판소", first(reading).title());
        assertEquals(1, reading.notices().size());
        assertTrue(reading.notices().get(0).matches("byte \\d+ is not valid UTF-8, so the body was read as EUC-KR"),
                reading.notices().get(0));
    }

    @Test
    void utf8BodyLabelledIso88591IsReadAsUtf8WithANotice() throws FeedParseException {
        FeedReading reading = read("utf8-declared-iso-8859-1.xml", "application/rss+xml; charset=ISO-8859-1");
        assertEquals("UTF-8", reading.feed().encoding());
        assertEquals("Cour pénale", first(reading).title(), "not the mojibake Cour pÃ©nale");
        assertEquals(List.of("the body was declared ISO-8859-1 but is valid UTF-8, so it was read as UTF-8"),
                reading.notices());
    }

    @Test
    void windows1252BodyLabelledUtf8IsReadAsWindows1252WithANotice() throws FeedParseException {
        FeedReading reading = read("windows-1252-declared-utf8.xml", "application/rss+xml");
        assertEquals("windows-1252", reading.feed().encoding());
        assertEquals("Été “quoted”", first(reading).summary());
        assertTrue(reading.notices().get(0).matches("byte \\d+ is not valid UTF-8, so the body was read as windows-1252"),
                reading.notices().toString());
    }

    @Test
    void unknownDeclaredEncodingWithNothingElseIsUnsupported() {
        FeedParseException e = assertThrows(FeedParseException.class, () -> read("unknown-encoding.xml", "text/xml"));
        assertEquals(FeedErrorKind.UNSUPPORTED_ENCODING, e.kind());
        assertEquals("the XML declaration names the encoding \"x-klingon\", which is unknown, and neither a byte order"
                + " mark nor the HTTP Content-Type gives another", e.getMessage());
    }

    @Test
    void unknownDeclaredEncodingIsIrrelevantWhenHttpNamesAKnownOne() throws FeedParseException {
        FeedReading reading = read("unknown-encoding.xml", "text/xml; charset=us-ascii");
        assertEquals("Title", first(reading).title());
    }

    @Test
    void unknownHttpCharsetIsIgnoredWithANotice() throws FeedParseException {
        FeedReading reading = read("iso-8859-1.xml", "text/xml; charset=x-made-up");
        assertEquals("Straße, garçon", first(reading).summary());
        assertEquals(List.of("the HTTP charset \"x-made-up\" is unknown, so it was ignored"), reading.notices());
    }

    @Test
    void noDeclarationAndNoCharsetMeansUtf8() throws FeedParseException {
        FeedReading reading = read("no-declaration-utf8.xml", "application/xml");
        assertEquals("UTF-8", reading.feed().encoding());
        assertEquals("Été", first(reading).summary());
    }

    private static FeedReading read(String fixture, String contentType) throws FeedParseException {
        return Feeds.read("encoding/" + fixture, contentType, URL);
    }

    private static ArticleCollected first(FeedReading reading) {
        return reading.articles().get(0);
    }
}
