package org.newswatch.collector.parse;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chooses the character encoding of a feed body and decodes it, never silently producing garbage.
 *
 * <p>Precedence as in RFC 7303 §3 (which also drops the old US-ASCII default of {@code text/xml}): a byte order
 * mark, else the HTTP {@code charset} parameter, else the XML declaration, else UTF-16 guessed from the first bytes,
 * else UTF-8. ROME's {@code XmlReader} follows the older RFC 3023 and, when lenient, lets the XML declaration beat
 * HTTP; we do not. Servers do lie, so two repairs follow, each reported as a notice:
 * <ul>
 * <li>a body that is valid UTF-8 with non-ASCII characters is read as UTF-8 even when a legacy charset was
 * declared (legacy text is practically never valid UTF-8, while UTF-8 labelled ISO-8859-1 is a common mistake);
 * <li>bytes that are invalid in the chosen charset make us try the other declaration, then UTF-8, windows-1252 and
 * finally ISO-8859-1, which decodes any byte.
 * </ul>
 */
final class FeedEncoding {

    private static final Pattern HTTP_CHARSET = Pattern.compile(";\\s*charset\\s*=\\s*[\"']?([^\"';\\s]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern XML_DECLARATION_ENCODING = Pattern.compile(
            "^<\\?xml\\s[^>]*?encoding\\s*=\\s*[\"']([^\"']*)[\"']");
    private static final Charset UTF_32BE = Charset.forName("UTF-32BE");
    private static final Charset UTF_32LE = Charset.forName("UTF-32LE");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private FeedEncoding() {
    }

    /**
     * Decodes an XML or JSON body.
     *
     * @param declarationAllowed whether to look for an XML declaration (false for JSON)
     * @throws FeedParseException {@link FeedErrorKind#UNSUPPORTED_ENCODING} when the only declared encoding is
     *                            unknown to this JVM
     */
    static DecodedBody decode(byte[] body, String contentType, boolean declarationAllowed) throws FeedParseException {
        List<String> notices = new ArrayList<>();
        Bom bom = Bom.of(body);
        String httpLabel = httpCharset(contentType).orElse(null);
        String declaredLabel = declarationAllowed ? declaredEncoding(body, bom).orElse(null) : null;
        Charset http = httpLabel == null ? null : lookUp(httpLabel).orElse(null);
        Charset declared = declaredLabel == null ? null : lookUp(declaredLabel).orElse(null);

        Charset chosen;
        if (bom != null) {
            chosen = bom.charset;
            if (http != null && !sameFamily(http, chosen)) {
                notices.add("the byte order mark says " + chosen.name() + ", so the HTTP charset " + httpLabel
                        + " was ignored");
            }
        } else if (http != null) {
            chosen = http;
        } else {
            if (httpLabel != null) {
                notices.add("the HTTP charset \"" + httpLabel + "\" is unknown, so it was ignored");
            }
            Charset guessed = guessFromFirstBytes(body);
            if (declared != null) {
                // "UTF-16" names no byte order; the first bytes give it.
                chosen = isUnicode(guessed) && sameFamily(declared, guessed) ? guessed : declared;
            } else if (declaredLabel != null) {
                throw new FeedParseException(FeedErrorKind.UNSUPPORTED_ENCODING,
                        "the XML declaration names the encoding \"" + declaredLabel
                                + "\", which is unknown, and neither a byte order mark nor the HTTP Content-Type gives another");
            } else {
                chosen = guessed;
            }
        }

        int start = bom == null ? 0 : bom.length;
        if (bom == null && !isUnicode(chosen) && hasNonAscii(body) && decodeStrictly(body, start,
                StandardCharsets.UTF_8) instanceof Decoded decoded) {
            notices.add("the body was declared " + chosen.name() + " but is valid UTF-8, so it was read as UTF-8");
            return new DecodedBody(decoded.text, StandardCharsets.UTF_8, notices);
        }

        Set<Charset> candidates = new LinkedHashSet<>();
        candidates.add(chosen);
        if (declared != null) {
            candidates.add(declared);
        }
        candidates.add(StandardCharsets.UTF_8);
        candidates.add(WINDOWS_1252);
        candidates.add(StandardCharsets.ISO_8859_1);
        Charset first = chosen;
        Failure firstFailure = null;
        for (Charset candidate : candidates) {
            Result result = decodeStrictly(body, start, candidate);
            if (result instanceof Decoded decoded) {
                if (firstFailure != null) {
                    notices.add("byte " + firstFailure.offset + " is not valid " + first.name()
                            + ", so the body was read as " + candidate.name());
                }
                return new DecodedBody(decoded.text, candidate, notices);
            }
            if (firstFailure == null) {
                firstFailure = (Failure) result;
            }
        }
        throw new IllegalStateException("ISO-8859-1 decodes every byte");
    }

    static Optional<String> httpCharset(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        Matcher matcher = HTTP_CHARSET.matcher(contentType);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** The encoding named by the XML declaration, read in the encoding family the first bytes reveal. */
    static Optional<String> declaredEncoding(byte[] body, Bom bom) {
        int start = bom == null ? 0 : bom.length;
        Charset family = bom != null ? bom.charset : guessFromFirstBytes(body);
        if (family.equals(StandardCharsets.UTF_8) || !isUnicode(family)) {
            family = StandardCharsets.ISO_8859_1;
        }
        int length = Math.min(body.length - start, 1024);
        String head = new String(body, start, Math.max(length, 0), family);
        Matcher matcher = XML_DECLARATION_ENCODING.matcher(head);
        return matcher.find() ? Optional.of(matcher.group(1).trim()) : Optional.empty();
    }

    static Optional<Charset> lookUp(String label) {
        try {
            return Optional.of(Charset.forName(label.trim()));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return Optional.empty();
        }
    }

    private static Charset guessFromFirstBytes(byte[] body) {
        if (startsWith(body, 0x00, 0x00, 0x00, 0x3C)) {
            return UTF_32BE;
        }
        if (startsWith(body, 0x3C, 0x00, 0x00, 0x00)) {
            return UTF_32LE;
        }
        if (startsWith(body, 0x00, 0x3C, 0x00, 0x3F)) {
            return StandardCharsets.UTF_16BE;
        }
        if (startsWith(body, 0x3C, 0x00, 0x3F, 0x00)) {
            return StandardCharsets.UTF_16LE;
        }
        return StandardCharsets.UTF_8;
    }

    private static boolean isUnicode(Charset charset) {
        return charset.name().toUpperCase(Locale.ROOT).startsWith("UTF-");
    }

    private static boolean sameFamily(Charset a, Charset b) {
        String x = a.name().toUpperCase(Locale.ROOT);
        String y = b.name().toUpperCase(Locale.ROOT);
        return x.equals(y) || x.startsWith("UTF-16") && y.startsWith("UTF-16")
                || x.startsWith("UTF-32") && y.startsWith("UTF-32");
    }

    private static boolean hasNonAscii(byte[] body) {
        for (byte b : body) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] body, int... prefix) {
        if (body.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((body[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static Result decodeStrictly(byte[] body, int start, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body, start, body.length - start);
        CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 16L,
                (long) (body.length - start) * (long) Math.ceil(decoder.maxCharsPerByte()) + 16));
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            return new Failure(in.position());
        }
        result = decoder.flush(out);
        if (result.isError()) {
            return new Failure(in.position());
        }
        out.flip();
        return new Decoded(out.toString());
    }

    private sealed interface Result permits Decoded, Failure {
    }

    private record Decoded(String text) implements Result {
    }

    private record Failure(int offset) implements Result {
    }

    /** A byte order mark: the strongest statement of an encoding a body can make. */
    record Bom(Charset charset, int length) {

        static Bom of(byte[] body) {
            if (startsWith(body, 0xEF, 0xBB, 0xBF)) {
                return new Bom(StandardCharsets.UTF_8, 3);
            }
            if (startsWith(body, 0x00, 0x00, 0xFE, 0xFF)) {
                return new Bom(UTF_32BE, 4);
            }
            if (startsWith(body, 0xFF, 0xFE, 0x00, 0x00)) {
                return new Bom(UTF_32LE, 4);
            }
            if (startsWith(body, 0xFE, 0xFF)) {
                return new Bom(StandardCharsets.UTF_16BE, 2);
            }
            if (startsWith(body, 0xFF, 0xFE)) {
                return new Bom(StandardCharsets.UTF_16LE, 2);
            }
            return null;
        }
    }
}
