package org.newswatch.collector.feed;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** Writes the registry as an OPML 2.0 subscription list that any feed reader imports. */
public final class OpmlWriter {

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private OpmlWriter() {
    }

    public static byte[] write(String title, List<Feed> feeds, Instant created) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out, StandardCharsets.UTF_8.name());
            xml.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("opml");
            xml.writeAttribute("version", "2.0");
            xml.writeCharacters("\n  ");
            xml.writeStartElement("head");
            element(xml, "title", title);
            element(xml, "dateCreated", DateTimeFormatter.RFC_1123_DATE_TIME.format(created.atOffset(ZoneOffset.UTC)));
            xml.writeEndElement();
            xml.writeCharacters("\n  ");
            xml.writeStartElement("body");
            for (Feed feed : feeds) {
                xml.writeCharacters("\n    ");
                xml.writeEmptyElement("outline");
                String text = feed.title() != null ? feed.title() : feed.url();
                xml.writeAttribute("type", "rss");
                xml.writeAttribute("text", text);
                xml.writeAttribute("title", text);
                xml.writeAttribute("xmlUrl", feed.url());
                if (feed.siteUrl() != null) {
                    xml.writeAttribute("htmlUrl", feed.siteUrl());
                }
            }
            xml.writeCharacters("\n  ");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write OPML: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }
}
