package org.newswatch.collector.parse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns a fetched body into the {@code ArticleCollected} events of its items: RSS, RDF and Atom with ROME, JSON
 * Feed with Jackson, in the encoding the BOM, HTTP and XML declaration give, with nothing unsafe let through.
 * Stateless and thread-safe; {@code new FeedReader()} works outside CDI.
 */
@ApplicationScoped
public class FeedReader {

    /**
     * Reads a whole feed.
     *
     * @param collectedAt when the body was fetched: the date of undated items and the bound for future dates
     * @throws FeedParseException when the body is not a usable feed, with a kind and a precise message
     */
    public FeedReading read(FeedDocument document, FeedSource source, Instant collectedAt) throws FeedParseException {
        byte[] body = document.body();
        if (body.length == 0) {
            throw new FeedParseException(FeedErrorKind.EMPTY_BODY, "the body is empty (0 bytes)");
        }
        boolean json = looksLikeJson(body, document.contentType());
        DecodedBody decoded = FeedEncoding.decode(body, document.contentType(), !json);
        String text = decoded.text();
        if (text.isBlank()) {
            throw new FeedParseException(FeedErrorKind.EMPTY_BODY,
                    "the body holds only whitespace (" + body.length + " bytes)");
        }
        ParsedFeed parsed = json
                ? JsonFeedParser.parse(text, document.url())
                : RomeFeedParser.parse(text, document.url());
        ArticleAssembler.Assembly assembly = ArticleAssembler.assemble(parsed, source, document.url(), collectedAt);
        List<String> notices = new ArrayList<>(decoded.notices());
        notices.addAll(assembly.notices());
        return new FeedReading(parsed.metadata().withEncoding(decoded.charset().name()), assembly.articles(), notices);
    }

    /** JSON when HTTP says so, or when the first character that is not whitespace (after a BOM) opens JSON. */
    private static boolean looksLikeJson(byte[] body, String contentType) {
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json")) {
            return true;
        }
        int start = body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB
                && (body[2] & 0xFF) == 0xBF ? 3 : 0;
        for (int i = start; i < body.length; i++) {
            byte b = body[i];
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
                continue;
            }
            return b == '{' || b == '[';
        }
        return false;
    }
}
