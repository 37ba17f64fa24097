package org.newswatch.collector.feed;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the feeds of an OPML 1.0 or 2.0 subscription list: every {@code outline} with an {@code xmlUrl}, at any
 * depth (folders are outlines holding outlines). A DOCTYPE is refused outright, so no DTD, external entity or
 * entity expansion is ever processed.
 */
public final class OpmlReader {

    /** More outlines than any real subscription list holds; beyond it the document is refused. */
    public static final int MAX_OUTLINES = 10_000;

    private static final XMLInputFactory FACTORY = secureFactory();

    private OpmlReader() {
    }

    private static XMLInputFactory secureFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        return factory;
    }

    public static List<OpmlOutline> read(byte[] body) throws OpmlFormatException {
        if (body == null || body.length == 0) {
            throw new OpmlFormatException("the body is empty; an OPML document was expected");
        }
        XMLStreamReader reader = null;
        try {
            reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
            List<OpmlOutline> outlines = new ArrayList<>();
            boolean rootSeen = false;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.DTD) {
                    throw new OpmlFormatException("OPML with a DOCTYPE is refused (DTDs allow XXE and entity expansion)");
                }
                if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw new OpmlFormatException("OPML with entity references is refused: &"
                            + reader.getLocalName() + ";");
                }
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                if (!rootSeen) {
                    if (!"opml".equals(reader.getLocalName())) {
                        throw new OpmlFormatException("not an OPML document: the root element is <"
                                + reader.getLocalName() + ">, expected <opml>");
                    }
                    rootSeen = true;
                } else if ("outline".equals(reader.getLocalName())) {
                    String xmlUrl = attribute(reader, "xmlUrl");
                    if (xmlUrl != null) {
                        if (outlines.size() == MAX_OUTLINES) {
                            throw new OpmlFormatException("the document lists more than " + MAX_OUTLINES + " feeds");
                        }
                        String title = attribute(reader, "title");
                        outlines.add(new OpmlOutline(xmlUrl, title != null ? title : attribute(reader, "text"),
                                attribute(reader, "htmlUrl")));
                    }
                }
            }
            if (!rootSeen) {
                throw new OpmlFormatException("not an OPML document: no root element");
            }
            return outlines;
        } catch (XMLStreamException e) {
            throw new OpmlFormatException("malformed OPML: " + e.getMessage(), e);
        } finally {
            close(reader);
        }
    }

    /** The attribute's value, stripped, or null when absent or blank. OPML writers vary in case (xmlurl). */
    private static String attribute(XMLStreamReader reader, String name) {
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            if (reader.getAttributeLocalName(i).equalsIgnoreCase(name)) {
                String value = reader.getAttributeValue(i).strip();
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException e) {
                // Nothing to release beyond the in-memory body.
            }
        }
    }
}
