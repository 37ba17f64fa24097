package org.newswatch.collector.parse;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.module.DCSubject;
import com.rometools.rome.feed.module.SyModule;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedInput;

/** Reads RSS 0.9x/1.0/2.0, RDF and Atom 0.3/1.0 with ROME, from a document {@link SecureXml} parsed. */
final class RomeFeedParser {

    private RomeFeedParser() {
    }

    static ParsedFeed parse(String xml, URI documentUrl) throws FeedParseException {
        XmlPrologue prologue = XmlPrologue.scan(xml);
        Document document = SecureXml.parse(xml);
        RelativeLinks.resolve(document, documentUrl);
        RomeInputRepairs.apply(document.getRootElement());
        List<ItemMarkup> markup = ItemMarkup.takeFrom(document.getRootElement());
        WireFeed wire;
        SyndFeed feed;
        try {
            wire = new WireFeedInput().build(document);
            feed = new SyndFeedImpl(wire, true);
        } catch (IllegalArgumentException e) {
            throw new FeedParseException(FeedErrorKind.NOT_A_FEED, "an XML document with <" + prologue.rootName()
                    + "> at the root, not an RSS, RDF or Atom feed");
        } catch (FeedException e) {
            throw new FeedParseException(FeedErrorKind.MALFORMED, "not a readable feed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // ROME has crashed on hostile input before (index errors in its base64 decoder): still the feed's fault.
            throw new FeedParseException(FeedErrorKind.MALFORMED, "ROME could not read the feed: " + e, e);
        }
        boolean atom = wire.getFeedType().startsWith("atom");
        Element root = document.getRootElement();
        String feedLanguage = LanguageTags.normalize(feed.getLanguage() != null ? feed.getLanguage()
                : root.getAttributeValue("lang", Namespace.XML_NAMESPACE));
        FeedMetadata metadata = new FeedMetadata(format(wire.getFeedType()),
                emptyToNull(text(feed.getTitleEx(), atom, feed.getTitle()).toLine()),
                RelativeLinks.webAddressOrNull(feed.getLink()), feedLanguage, suggestedInterval(wire, feed));
        List<SyndEntry> entries = feed.getEntries();
        List<FeedItem> items = new ArrayList<>(entries.size());
        List<String> notices = new ArrayList<>();
        boolean matched = markup.size() == entries.size();
        if (!matched) {
            notices.add("the feed's " + markup.size() + " item elements could not be matched with the " + entries.size()
                    + " items ROME read, so item dates and languages were not read");
        }
        for (int i = 0; i < entries.size(); i++) {
            items.add(item(entries.get(i), atom, wire.getFeedType(), matched ? markup.get(i) : null));
        }
        return new ParsedFeed(metadata, items, notices);
    }

    private static FeedItem item(SyndEntry entry, boolean atom, String feedType, ItemMarkup markup) {
        String xmlLang = markup == null ? null : markup.language();
        Instant published = markup != null && markup.published() != null ? markup.published()
                : instant(entry.getPublishedDate());
        Instant updated = markup != null && markup.updated() != null ? markup.updated()
                : instant(entry.getUpdatedDate());
        FeedText title = text(entry.getTitleEx(), atom, entry.getTitle());
        FeedText summary = entry.getDescription() == null ? FeedText.NONE : content(entry.getDescription(), atom);
        FeedText content = fullContent(entry.getContents(), atom);
        if (markup != null) {
            title = Objects.requireNonNullElse(markup.atom03Title(), title);
            summary = Objects.requireNonNullElse(markup.atom03Summary(), summary);
            content = Objects.requireNonNullElse(markup.atom03Content(), content);
            if (title.isBlank() && markup.fallbackTitle() != null) {
                title = new FeedText(markup.fallbackTitle(), HtmlText.looksLikeHtml(markup.fallbackTitle()));
            }
        }
        return new FeedItem(
                guid(entry, feedType),
                trim(entry.getLink()),
                title,
                summary,
                content,
                author(entry),
                categories(entry),
                published,
                updated,
                entryLanguage(entry, xmlLang));
    }

    private static String guid(SyndEntry entry, String feedType) {
        Object wire = entry.getWireEntry();
        if (wire instanceof Item item) {
            if (item.getGuid() != null) {
                return emptyToNull(trim(item.getGuid().getValue()));
            }
            // RSS 1.0 and 0.90 items are identified by rdf:about instead.
            return feedType.equals("rss_1.0") || feedType.equals("rss_0.9") ? emptyToNull(trim(item.getUri())) : null;
        }
        if (wire instanceof Entry atomEntry) {
            return emptyToNull(trim(atomEntry.getId()));
        }
        return emptyToNull(trim(entry.getUri()));
    }

    /** A title: Atom says whether it is HTML; RSS does not, so markup or entities in it decide, as feedparser does. */
    private static FeedText text(SyndContent content, boolean atom, String fallback) {
        if (content == null) {
            return fallback == null ? FeedText.NONE : new FeedText(fallback, HtmlText.looksLikeHtml(fallback));
        }
        String value = content.getValue();
        if (atom) {
            return new FeedText(value, isHtmlType(content.getType()));
        }
        return new FeedText(value, HtmlText.looksLikeHtml(value));
    }

    /** A summary or content: HTML in RSS by convention; in Atom as its type says. */
    private static FeedText content(SyndContent content, boolean atom) {
        if (!atom) {
            String type = content.getType();
            return new FeedText(content.getValue(), type == null || !type.equals("text/plain")
                    || HtmlText.looksLikeHtml(content.getValue()));
        }
        return new FeedText(content.getValue(), isHtmlType(content.getType()));
    }

    private static FeedText fullContent(List<SyndContent> contents, boolean atom) {
        for (SyndContent content : contents) {
            String type = content.getType();
            boolean textual = type == null || isHtmlType(type) || type.equals("text") || type.startsWith("text/");
            if (textual && content.getValue() != null && !content.getValue().isBlank()) {
                return atom ? content(content, true) : FeedText.html(content.getValue());
            }
        }
        return FeedText.NONE;
    }

    private static boolean isHtmlType(String type) {
        if (type == null) {
            return false;
        }
        String lower = type.toLowerCase(Locale.ROOT);
        return lower.equals("html") || lower.equals("xhtml") || lower.contains("html");
    }

    private static String author(SyndEntry entry) {
        Set<String> names = new LinkedHashSet<>();
        for (SyndPerson person : entry.getAuthors()) {
            String name = person.getName() != null && !person.getName().isBlank() ? person.getName() : person.getEmail();
            if (name != null && !name.isBlank()) {
                names.add(HtmlText.lineFromEither(name));
            }
        }
        if (names.isEmpty() && entry.getAuthor() != null && !entry.getAuthor().isBlank()) {
            names.add(HtmlText.lineFromEither(entry.getAuthor()));
        }
        return names.isEmpty() ? null : String.join(", ", names);
    }

    /** The item's categories and Dublin Core subjects (ROME leaves the latter out for RSS 1.0), once each. */
    private static List<String> categories(SyndEntry entry) {
        Set<String> names = new LinkedHashSet<>();
        for (SyndCategory category : entry.getCategories()) {
            addCategory(names, category.getName());
        }
        if (entry.getModule(DCModule.URI) instanceof DCModule dc) {
            for (DCSubject subject : dc.getSubjects()) {
                addCategory(names, subject.getValue());
            }
        }
        return List.copyOf(names);
    }

    private static void addCategory(Set<String> names, String raw) {
        String name = HtmlText.lineFromEither(raw);
        if (!name.isEmpty()) {
            names.add(name);
        }
    }

    private static String entryLanguage(SyndEntry entry, String xmlLang) {
        if (entry.getModule(DCModule.URI) instanceof DCModule dc && dc.getLanguage() != null) {
            return dc.getLanguage();
        }
        return xmlLang;
    }

    private static Duration suggestedInterval(WireFeed wire, SyndFeed feed) {
        if (wire instanceof Channel channel && channel.getTtl() > 0) {
            return Duration.ofMinutes(channel.getTtl());
        }
        if (feed.getModule(SyModule.URI) instanceof SyModule sy && sy.getUpdatePeriod() != null) {
            Duration period = switch (sy.getUpdatePeriod().strip().toLowerCase(Locale.ROOT)) {
                case "hourly" -> Duration.ofHours(1);
                case "daily" -> Duration.ofDays(1);
                case "weekly" -> Duration.ofDays(7);
                case "monthly" -> Duration.ofDays(30);
                case "yearly" -> Duration.ofDays(365);
                default -> null;
            };
            if (period != null) {
                int frequency = Math.max(1, sy.getUpdateFrequency());
                return period.dividedBy(frequency);
            }
        }
        return null;
    }

    static String format(String romeType) {
        return switch (romeType) {
            case "rss_1.0" -> "rdf";
            case "rss_0.9" -> "rdf-0.90";
            case "rss_0.91N", "rss_0.91U" -> "rss-0.91";
            default -> romeType.replace('_', '-');
        };
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static String trim(String value) {
        return value == null ? null : value.strip();
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
