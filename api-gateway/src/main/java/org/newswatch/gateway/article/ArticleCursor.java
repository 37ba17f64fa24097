package org.newswatch.gateway.article;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;

import org.newswatch.problem.Problem;
import org.newswatch.problem.ProblemException;

/**
 * The opaque {@code cursor} of article lists: base64url of {@code v1:<published µs>:<filters digest>:<id>}, the
 * keyset position of the last article of a page. Keyset positions stay valid while articles arrive: the next page
 * continues strictly after the last one shown, so nothing that existed is shown twice or skipped.
 */
public final class ArticleCursor {

    /** The last article of a page in the list's order (published_at desc, id desc). */
    public record Position(Instant publishedAt, String id) {
    }

    private static final String VERSION = "v1";

    private ArticleCursor() {
    }

    public static String encode(Position position, String fingerprint) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, position.publishedAt());
        String plain = VERSION + ":" + micros + ":" + fingerprint + ":" + position.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The position in {@code cursor}.
     *
     * @throws ProblemException a 400 naming {@code cursor} when it is not one of ours, or when it belongs to a
     *                          query with other filters
     */
    public static Position decode(String cursor, String fingerprint) {
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("is not a cursor this API issued (not base64url)");
        }
        String[] parts = plain.split(":", 4);
        if (parts.length != 4 || !parts[0].equals(VERSION) || parts[3].isEmpty()) {
            throw invalid("is not a cursor this API issued");
        }
        long micros;
        try {
            micros = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            throw invalid("is not a cursor this API issued");
        }
        if (!parts[2].equals(fingerprint)) {
            throw invalid("belongs to a query with other filters; repeat the filters of the page that gave it, or "
                    + "start again without a cursor");
        }
        try {
            return new Position(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), parts[3]);
        } catch (java.time.DateTimeException | ArithmeticException e) {
            throw invalid("is not a cursor this API issued");
        }
    }

    private static ProblemException invalid(String message) {
        return ProblemException.invalid(List.of(new Problem.FieldError("cursor", message)));
    }
}
