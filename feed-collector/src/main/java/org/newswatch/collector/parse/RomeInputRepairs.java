package org.newswatch.collector.parse;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.jdom2.Element;

/**
 * Repairs, in the document, what ROME would otherwise reject or crash on, before ROME reads it.
 */
final class RomeInputRepairs {

    private static final String ATOM_03 = "http://purl.org/atom/ns#";
    private static final String ATOM_10 = "http://www.w3.org/2005/Atom";
    private static final Set<String> TEXT_CONSTRUCTS = Set.of("title", "summary", "content");

    private RomeInputRepairs() {
    }

    static void apply(Element root) {
        acceptUnversionedRss(root);
        if (ATOM_03.equals(root.getNamespaceURI())) {
            decodeBase64Constructs(root);
        }
        if (ATOM_10.equals(root.getNamespaceURI())) {
            decodeBase64TextConstructs(root);
        }
        if (root.getName().equals("feed")) {
            linkTextAsHref(root);
        }
    }

    /**
     * Atom 1.0 says content of a non-XML, non-text media type is base64 (RFC 4287 §4.1.3.3); some feeds do the same
     * with titles and summaries. When the decoded bytes are UTF-8 text, the construct becomes that text; binary
     * content (a PDF, an image) stays as it is and is then not used as text.
     */
    private static void decodeBase64TextConstructs(Element feed) {
        for (Element entry : feed.getChildren("entry", feed.getNamespace())) {
            for (Element construct : entry.getChildren()) {
                String type = construct.getAttributeValue("type");
                if (construct.getNamespace().equals(feed.getNamespace()) && TEXT_CONSTRUCTS.contains(construct.getName())
                        && type != null && isBase64MediaType(type) && construct.getChildren().isEmpty()) {
                    decodedText(construct.getTextTrim()).ifPresent(text -> {
                        construct.setText(text);
                        construct.setAttribute("type", "text");
                    });
                }
            }
        }
    }

    private static boolean isBase64MediaType(String type) {
        String lower = type.strip().toLowerCase(Locale.ROOT);
        return lower.contains("/") && !lower.startsWith("text/") && !lower.endsWith("+xml") && !lower.endsWith("/xml");
    }

    private static Optional<String> decodedText(String base64) {
        try {
            byte[] bytes = Base64.getMimeDecoder().decode(base64);
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /**
     * An Atom link written as element text rather than {@code href}, or an Atom 0.3 link without {@code rel}
     * (which Atom 1.0 defines as alternate): feedparser reads both as the entry's link, ROME reads neither.
     */
    private static void linkTextAsHref(Element feed) {
        for (Element entry : feed.getChildren("entry", feed.getNamespace())) {
            for (Element link : entry.getChildren("link", feed.getNamespace())) {
                if (link.getAttribute("href") == null && !link.getTextTrim().isEmpty()) {
                    link.setAttribute("href", link.getTextTrim());
                }
                if (link.getAttribute("rel") == null) {
                    link.setAttribute("rel", "alternate");
                }
            }
        }
    }

    /** Many feeds write {@code <rss>} without a version; ROME reads none of them, so they count as RSS 2.0. */
    private static void acceptUnversionedRss(Element root) {
        if (root.getName().equals("rss") && root.getAttribute("version") == null) {
            root.setAttribute("version", "2.0");
        }
    }

    /**
     * Atom 0.3 {@code mode="base64"}: ROME's decoder fails with an index error on whitespace around the data, so the
     * text is decoded here (MIME rules: whitespace allowed) and the construct marked as escaped, which carries
     * the same meaning. Undecodable data is left for ROME to refuse.
     */
    private static void decodeBase64Constructs(Element element) {
        if ("base64".equals(element.getAttributeValue("mode")) && element.getChildren().isEmpty()) {
            decodedText(element.getTextTrim()).ifPresent(text -> {
                element.setText(text);
                element.setAttribute("mode", "escaped");
            });
        }
        for (Element child : element.getChildren()) {
            decodeBase64Constructs(child);
        }
    }
}
