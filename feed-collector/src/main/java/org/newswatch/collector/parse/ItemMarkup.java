package org.newswatch.collector.parse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;

/**
 * What the collector reads from each item element itself rather than through ROME: its dates (ROME's date parsing
 * is slow, see {@link FeedDates}), its {@code xml:lang} (which ROME drops), the text constructs of Atom 0.3 (whose
 * type and mode ROME drops, leaving escaped markup indistinguishable from text) and fallback titles.
 *
 * @param published     the first published-like date that {@link FeedDates} reads, or null
 * @param updated       the first updated-like date that {@link FeedDates} reads, or null
 * @param language      the element's {@code xml:lang}, or null
 * @param atom03Title   an Atom 0.3 entry's title read by its mode and type, or null
 * @param atom03Summary an Atom 0.3 entry's summary read by its mode and type, or null
 * @param atom03Content an Atom 0.3 entry's first textual content read by its mode and type, or null
 * @param fallbackTitle a {@code dc:title} or {@code media:title} for an item without a title of its own, or null
 */
record ItemMarkup(Instant published, Instant updated, String language, FeedText atom03Title, FeedText atom03Summary,
        FeedText atom03Content, String fallbackTitle) {

    private static final Namespace ATOM_03 = Namespace.getNamespace("http://purl.org/atom/ns#");
    private static final Set<String> TITLE_NAMESPACES = Set.of("http://purl.org/dc/elements/1.1/",
            "http://search.yahoo.com/mrss/", "http://search.yahoo.com/mrss");

    private static final List<String> PUBLISHED = List.of("pubDate", "published", "issued", "date", "created");
    private static final List<String> UPDATED = List.of("updated", "modified");
    private static final Set<String> DATE_NAMESPACES = Set.of("", "http://www.w3.org/2005/Atom",
            "http://purl.org/atom/ns#", "http://purl.org/dc/elements/1.1/", "http://purl.org/dc/terms/",
            "http://purl.org/rss/1.0/", "http://my.netscape.com/rdf/simple/0.9/", "http://backend.userland.com/rss2");

    /**
     * Reads every item or entry of a feed document in document order (the order ROME lists them in), removing the
     * date elements it could read so that ROME does not parse them again; unreadable ones stay for ROME to try.
     */
    static List<ItemMarkup> takeFrom(Element root) {
        List<ItemMarkup> items = new ArrayList<>();
        boolean atom03 = root.getNamespace().equals(ATOM_03);
        for (Element element : itemElements(root)) {
            items.add(new ItemMarkup(takeDate(element, PUBLISHED), takeDate(element, UPDATED),
                    element.getAttributeValue("lang", Namespace.XML_NAMESPACE),
                    atom03 ? atom03Text(element.getChild("title", ATOM_03)) : null,
                    atom03 ? atom03Text(element.getChild("summary", ATOM_03)) : null,
                    atom03 ? atom03Text(element.getChild("content", ATOM_03)) : null,
                    fallbackTitle(element)));
        }
        return items;
    }

    /**
     * An Atom 0.3 content construct: {@code mode} {@code xml} (the default) holds markup inline, {@code escaped}
     * holds it as text; {@code type} (default {@code text/plain}) says whether that is HTML.
     */
    private static FeedText atom03Text(Element construct) {
        if (construct == null) {
            return null;
        }
        String mode = construct.getAttributeValue("mode", "xml");
        boolean html = construct.getAttributeValue("type", "text/plain").contains("html");
        if (mode.equals("xml") && !construct.getChildren().isEmpty()) {
            return FeedText.html(new XMLOutputter(Format.getRawFormat()).outputString(construct.getContent()));
        }
        return new FeedText(construct.getText(), html);
    }

    /** Dublin Core or Media RSS titles, which feedparser also falls back to when an item has no title. */
    private static String fallbackTitle(Element item) {
        for (Element child : item.getChildren()) {
            if (child.getName().equals("title") && TITLE_NAMESPACES.contains(child.getNamespaceURI())) {
                return child.getTextTrim();
            }
        }
        for (Element child : item.getChildren()) {
            if (TITLE_NAMESPACES.contains(child.getNamespaceURI())
                    && (child.getName().equals("content") || child.getName().equals("group"))) {
                String nested = fallbackTitle(child);
                if (nested != null) {
                    return nested;
                }
            }
        }
        return null;
    }

    private static List<Element> itemElements(Element root) {
        List<Element> elements = new ArrayList<>();
        if (root.getName().equals("feed")) {
            elements.addAll(root.getChildren("entry", root.getNamespace()));
            return elements;
        }
        for (Element child : root.getChildren()) {
            if (child.getName().equals("item")) {
                elements.add(child);
            } else if (child.getName().equals("channel")) {
                for (Element grandchild : child.getChildren()) {
                    if (grandchild.getName().equals("item")) {
                        elements.add(grandchild);
                    }
                }
            }
        }
        return elements;
    }

    private static Instant takeDate(Element item, List<String> names) {
        Instant found = null;
        List<Element> read = new ArrayList<>();
        for (String name : names) {
            for (Element child : item.getChildren()) {
                if (child.getName().equals(name) && DATE_NAMESPACES.contains(child.getNamespaceURI())) {
                    Instant date = FeedDates.parse(child.getTextTrim());
                    if (date != null) {
                        read.add(child);
                        if (found == null) {
                            found = date;
                        }
                    }
                }
            }
        }
        read.forEach(Element::detach);
        return found;
    }
}
