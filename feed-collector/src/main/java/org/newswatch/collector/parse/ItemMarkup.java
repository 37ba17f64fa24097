package org.newswatch.collector.parse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * What the collector reads from each item element itself rather than through ROME: its dates (ROME's date parsing
 * is slow, see {@link FeedDates}) and its {@code xml:lang} (which ROME drops).
 *
 * @param published the first published-like date that {@link FeedDates} reads, or null
 * @param updated   the first updated-like date that {@link FeedDates} reads, or null
 * @param language  the element's {@code xml:lang}, or null
 */
record ItemMarkup(Instant published, Instant updated, String language) {

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
        for (Element element : itemElements(root)) {
            items.add(new ItemMarkup(takeDate(element, PUBLISHED), takeDate(element, UPDATED),
                    element.getAttributeValue("lang", Namespace.XML_NAMESPACE)));
        }
        return items;
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
