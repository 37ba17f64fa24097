package org.newswatch.gateway.article;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * A validated article search: every filter is optional (null or empty when absent).
 *
 * @param text     websearch syntax: words, "quoted phrases", or, -excluded
 * @param language ISO 639-1; also picks the text-search configuration that reads {@code text}
 * @param topics   articles flagged for any of these topics, or, with {@code minScore}, whose score for any of them
 *                 is at least that
 * @param minScore without topics: any topic's score is at least this
 * @param since    published at or after (inclusive)
 * @param until    published before (exclusive)
 * @param after    the keyset position to continue after, from a cursor
 */
public record ArticleQuery(String text, String language, List<String> topics, Boolean flagged, Double minScore,
        String source, Instant since, Instant until, ArticleCursor.Position after, int limit) {

    public ArticleQuery {
        topics = topics == null ? List.of() : List.copyOf(topics);
    }

    /**
     * A short digest of the filters (not the position or the page size), carried in cursors so that a cursor is
     * only used with the query that produced it.
     */
    public String fingerprint() {
        String filters = String.join("\u0000", String.valueOf(text), String.valueOf(language),
                String.join(",", topics.stream().sorted().toList()), String.valueOf(flagged),
                String.valueOf(minScore), String.valueOf(source), String.valueOf(since), String.valueOf(until));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(filters.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    public ArticleQuery after(ArticleCursor.Position position) {
        return new ArticleQuery(text, language, topics, flagged, minScore, source, since, until, position, limit);
    }
}
