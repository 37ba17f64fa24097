package org.newswatch.collector.parse;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.Locale;
import java.util.Set;

import javax.xml.XMLConstants;

import org.jdom2.Document;
import org.jdom2.JDOMException;
import org.jdom2.input.JDOMParseException;
import org.jdom2.input.SAXBuilder;
import org.jdom2.input.sax.XMLReaders;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import com.rometools.rome.io.impl.XmlFixerReader;

/**
 * Parses feed XML into a JDOM document with every door closed: no DOCTYPE, no external entities or DTDs, no
 * entity expansion. {@link XmlPrologue} already refused a DOCTYPE with a precise message; the parser settings are
 * the second line of defence.
 */
final class SecureXml {

    static final int MAX_ELEMENT_DEPTH = 500;
    private static final Set<String> PREDEFINED_ENTITIES = Set.of("amp", "lt", "gt", "quot", "apos");

    private SecureXml() {
    }

    /**
     * One configured builder per thread: building one looks the parser factory up and sets it up again, a tenth
     * of the parse of a typical feed. A builder keeps its parser between documents and is not thread-safe.
     */
    private static final ThreadLocal<SAXBuilder> BUILDERS = ThreadLocal.withInitial(SecureXml::builder);

    static Document parse(String text) throws FeedParseException {
        SAXBuilder builder = BUILDERS.get();
        try {
            // ROME's healer turns HTML entities such as &nbsp; (common in feeds, undefined in XML) into numeric ones;
            // it reads character by character, so it runs only when such an entity is there.
            Reader reader = usesUndefinedEntities(text) ? new XmlFixerReader(new StringReader(text)) : new StringReader(text);
            return builder.build(new InputSource(reader));
        } catch (JDOMParseException e) {
            throw describe(e);
        } catch (JDOMException e) {
            throw new FeedParseException(FeedErrorKind.MALFORMED, "not well-formed XML: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("reading from a string cannot fail", e);
        }
    }

    private static SAXBuilder builder() {
        SAXBuilder builder = new SAXBuilder(XMLReaders.NONVALIDATING);
        builder.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        builder.setFeature("http://xml.org/sax/features/external-general-entities", false);
        builder.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        builder.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        builder.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        builder.setExpandEntities(false);
        // Deep nesting would overflow the stack of whoever walks the tree (JDOM, ROME, us); no feed needs this much.
        builder.setProperty("jdk.xml.maxElementDepth", String.valueOf(MAX_ELEMENT_DEPTH));
        builder.setEntityResolver((publicId, systemId) -> {
            throw new SAXException("refused to load the external entity " + systemId);
        });
        return builder;
    }

    /** Whether an entity reference other than XML's five predefined ones occurs. */
    static boolean usesUndefinedEntities(String text) {
        int at = text.indexOf('&');
        while (at >= 0) {
            int end = at + 1;
            while (end < text.length() && end - at <= 32 && Character.isLetterOrDigit(text.charAt(end))) {
                end++;
            }
            if (end > at + 1 && end < text.length() && text.charAt(end) == ';' && Character.isLetter(text.charAt(at + 1))
                    && !PREDEFINED_ENTITIES.contains(text.substring(at + 1, end))) {
                return true;
            }
            at = text.indexOf('&', at + 1);
        }
        return false;
    }

    private static FeedParseException describe(JDOMParseException e) {
        Throwable cause = e.getCause();
        String message = cause instanceof SAXParseException sax ? sax.getMessage() : e.getMessage();
        String where = e.getLineNumber() > 0
                ? "line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": "
                : "";
        if (message != null && message.toUpperCase(Locale.ROOT).contains("DOCTYPE")) {
            return new FeedParseException(FeedErrorKind.FORBIDDEN_DOCTYPE,
                    where + "the document declares a DOCTYPE, which is refused (" + message + ")", e);
        }
        return new FeedParseException(FeedErrorKind.MALFORMED, where + "not well-formed XML: " + message, e);
    }
}
