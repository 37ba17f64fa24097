package org.newswatch.collector.fetch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Undoes a body's Content-Encoding (gzip or deflate, the ones we ask for), capping the decoded size so a
 * compression bomb costs no more than a plain body would.
 */
final class ContentDecoding {

    private ContentDecoding() {
    }

    static byte[] decode(byte[] body, String contentEncoding, long cap) throws FetchException {
        String encoding = contentEncoding == null ? "identity" : contentEncoding.strip().toLowerCase(Locale.ROOT);
        try {
            return switch (encoding) {
                case "", "identity" -> body;
                case "gzip", "x-gzip" -> readCapped(new GZIPInputStream(new ByteArrayInputStream(body)), cap);
                case "deflate" -> inflate(body, cap);
                default -> throw new FetchException(FetchErrorKind.BAD_CONTENT_ENCODING,
                        "the server sent the body with Content-Encoding '" + encoding
                                + "', which was not asked for (only gzip and deflate are)");
            };
        } catch (IOException e) {
            throw new FetchException(FetchErrorKind.BAD_CONTENT_ENCODING,
                    "the " + encoding + " body is corrupt: " + e.getMessage(), e);
        }
    }

    /** RFC 9110 deflate is zlib-wrapped, but some servers send raw deflate: try both. */
    private static byte[] inflate(byte[] body, long cap) throws IOException, FetchException {
        try {
            return inflate(body, cap, false);
        } catch (ZipException e) {
            return inflate(body, cap, true);
        }
    }

    private static byte[] inflate(byte[] body, long cap, boolean raw) throws IOException, FetchException {
        Inflater inflater = new Inflater(raw);
        try {
            return readCapped(new InflaterInputStream(new ByteArrayInputStream(body), inflater), cap);
        } finally {
            inflater.end();
        }
    }

    private static byte[] readCapped(InputStream in, long cap) throws IOException, FetchException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[16 * 1024];
            int n;
            while ((n = in.read(chunk)) != -1) {
                if (out.size() + (long) n > cap) {
                    throw new FetchException(FetchErrorKind.BODY_TOO_LARGE,
                            "the body decompresses to more than " + cap + " bytes");
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        }
    }
}
