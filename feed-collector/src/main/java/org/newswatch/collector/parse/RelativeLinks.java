package org.newswatch.collector.parse;

import java.net.URI;
import java.util.Optional;

import org.jdom2.Attribute;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.newswatch.collector.identity.CanonicalUrl;

/**
 * Makes the links of a feed document absolute, in place, before ROME reads it: each {@code xml:base} on the way
 * down is resolved against the one above it, starting from the URL the document was fetched from (RFC 3986 §5.1).
 * Covers the links an article is built from: {@code link} elements (RSS text or Atom {@code href}) and Atom
 * {@code content src}.
 */
final class RelativeLinks {

    private RelativeLinks() {
    }

    static void resolve(Document document, URI documentUrl) {
        resolve(document.getRootElement(), withPath(documentUrl));
    }

    /** Resolves one reference against a base; the reference unchanged when either is not a usable URI. */
    static String resolve(URI base, String reference) {
        if (reference == null || reference.isBlank()) {
            return reference;
        }
        String trimmed = reference.strip();
        Optional<URI> parsed = parse(trimmed);
        if (parsed.isEmpty() || parsed.get().isAbsolute() || base == null) {
            return trimmed;
        }
        try {
            return base.resolve(parsed.get()).toString();
        } catch (IllegalArgumentException e) {
            return trimmed;
        }
    }

    /** The link, trimmed, when it is an absolute http(s) address; else null (no {@code javascript:} for an href). */
    static String webAddressOrNull(String link) {
        return link != null && CanonicalUrl.of(link).isPresent() ? link.strip() : null;
    }

    private static void resolve(Element element, URI inheritedBase) {
        URI base = inheritedBase;
        String xmlBase = element.getAttributeValue("base", Namespace.XML_NAMESPACE);
        if (xmlBase != null) {
            String resolved = resolve(inheritedBase, xmlBase);
            base = parse(resolved).filter(URI::isAbsolute).map(RelativeLinks::withPath).orElse(inheritedBase);
        }
        String name = element.getName();
        if (name.equals("link")) {
            Attribute href = element.getAttribute("href");
            if (href != null) {
                href.setValue(resolve(base, href.getValue()));
            } else if (element.getChildren().isEmpty() && !element.getText().isBlank()) {
                element.setText(resolve(base, element.getText()));
            }
        } else if (name.equals("content")) {
            Attribute src = element.getAttribute("src");
            if (src != null) {
                src.setValue(resolve(base, src.getValue()));
            }
        }
        for (Element child : element.getChildren()) {
            resolve(child, base);
        }
    }

    private static Optional<URI> parse(String value) {
        try {
            return Optional.of(new URI(value));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    // http://example.com resolves "a" to http://example.coma in java.net.URI; an empty path must be "/".
    private static URI withPath(URI uri) {
        if (uri != null && uri.isAbsolute() && uri.getRawAuthority() != null
                && (uri.getRawPath() == null || uri.getRawPath().isEmpty())) {
            return uri.resolve("/");
        }
        return uri;
    }
}
