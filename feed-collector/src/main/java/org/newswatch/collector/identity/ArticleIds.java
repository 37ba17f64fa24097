package org.newswatch.collector.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Stable article ids: the first 32 hex digits (128 bits) of a SHA-256 over what identifies the article.
 *
 * <ol>
 * <li>the canonical URL ({@link CanonicalUrl}), with {@code http} and {@code https} counted as one, so the same
 * story has one id in every feed that links it, whatever the order, dates or tracking tags;
 * <li>else the feed id and the guid (an item without a usable link is only known within its feed);
 * <li>else the feed id, title and summary.
 * </ol>
 * Each input has its own prefix, so the three kinds never collide with each other. With 128 bits, the chance of
 * any collision among a billion articles is about 10<sup>-21</sup>.
 */
public final class ArticleIds {

    private static final int HEX_DIGITS = 32;

    private ArticleIds() {
    }

    /**
     * The id of an article from what the feed gives.
     *
     * @param feedId  the feed the item was read from
     * @param url     the item's link as published (absolute), or null
     * @param guid    the item's guid or Atom id, or null
     * @param title   the item's title as plain text, or null
     * @param summary the item's summary as plain text, or null
     */
    public static String of(String feedId, String url, String guid, String title, String summary) {
        Optional<String> canonical = CanonicalUrl.of(url);
        if (canonical.isPresent()) {
            return fromCanonicalUrl(canonical.get());
        }
        if (guid != null && !guid.isBlank()) {
            return fromGuid(feedId, guid);
        }
        return fromText(feedId, title, summary);
    }

    /** The id of the article at a canonical URL (as {@link CanonicalUrl#of} gives it). */
    public static String fromCanonicalUrl(String canonicalUrl) {
        String withoutScheme = canonicalUrl.substring(canonicalUrl.indexOf("://") + 3);
        return hash("url\n" + withoutScheme);
    }

    /** The id of an item known only by its guid within one feed. */
    public static String fromGuid(String feedId, String guid) {
        return hash("guid\n" + feedId + "\n" + guid.strip());
    }

    /** The id of an item with neither link nor guid: its feed, title and summary. */
    public static String fromText(String feedId, String title, String summary) {
        return hash("text\n" + feedId + "\n" + orEmpty(title).strip() + "\n" + orEmpty(summary).strip());
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String hash(String input) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
