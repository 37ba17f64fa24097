package org.newswatch.collector.parse;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.newswatch.collector.identity.ArticleIds;
import org.newswatch.collector.identity.CanonicalUrl;
import org.newswatch.contracts.ArticleCollected;

/**
 * Turns parsed items into the events the collector publishes: plain text, absolute http(s) links, sane dates,
 * stable ids, one event per id.
 */
final class ArticleAssembler {

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");

    private ArticleAssembler() {
    }

    record Assembly(List<ArticleCollected> articles, List<String> notices) {
    }

    static Assembly assemble(ParsedFeed feed, FeedSource source, URI documentUrl, Instant collectedAt) {
        String sourceName = sourceName(source, feed.metadata(), documentUrl);
        Map<String, ArticleCollected> byId = new LinkedHashMap<>();
        List<String> notices = new ArrayList<>(feed.notices());
        int duplicates = 0;
        int undated = 0;
        int position = 0;
        for (FeedItem item : feed.items()) {
            position++;
            String title = item.title().toLine();
            String summary = item.summary().toText();
            String content = item.content().toText();
            Link link = link(item, documentUrl, position, notices);
            String url = link == null ? null : link.url();
            String canonical = link == null ? null : link.canonical();
            String guid = item.guid();
            if (url == null && guid == null && title.isEmpty() && summary.isEmpty() && content.isEmpty()) {
                notices.add("item " + position + " has no link, guid, title or text, so it was skipped");
                continue;
            }
            String id = canonical != null
                    ? ArticleIds.fromCanonicalUrl(canonical)
                    : ArticleIds.of(source.feedId(), null, guid, title, summary.isEmpty() ? content : summary);
            if (byId.containsKey(id)) {
                duplicates++;
                continue;
            }
            if (!ItemDates.isSane(item.published(), collectedAt) && !ItemDates.isSane(item.updated(), collectedAt)) {
                undated++;
            }
            String language = Optional.ofNullable(LanguageTags.normalize(item.language()))
                    .orElse(feed.metadata().language());
            byId.put(id, new ArticleCollected(id, source.feedId(), source.feedUrl(), sourceName, url, canonical, guid,
                    title, summary, content, language, item.author(), item.categories(),
                    ItemDates.publishedAt(item.published(), item.updated(), collectedAt),
                    ItemDates.updatedAt(item.updated(), collectedAt), collectedAt));
        }
        if (duplicates > 0) {
            notices.add(duplicates + (duplicates == 1 ? " item repeats" : " items repeat")
                    + " an earlier item of the feed (same article id) and collapsed into it");
        }
        if (undated > 0) {
            notices.add(undated + (undated == 1 ? " item has" : " items have")
                    + " no plausible date (missing, unreadable, before " + ItemDates.EARLIEST.toString().substring(0, 4)
                    + " or more than a day ahead), so " + (undated == 1 ? "it carries" : "they carry")
                    + " the collection time");
        }
        return new Assembly(List.copyOf(byId.values()), notices);
    }

    /** An item's link as published (made absolute) and its canonical form. */
    private record Link(String url, String canonical) {
    }

    /**
     * The item's link as an absolute http(s) URL with its canonical form, or null. A relative link is resolved against the document; a
     * link that came from a non-URL guid is not a link; other schemes ({@code javascript:}, {@code data:}) are
     * dropped, since consumers put this URL in an {@code href}.
     */
    private static Link link(FeedItem item, URI documentUrl, int position, List<String> notices) {
        String link = item.link();
        if (link == null || link.isBlank()) {
            return null;
        }
        if (!SCHEME.matcher(link).find()) {
            if (link.equals(item.guid())) {
                return null;
            }
            link = RelativeLinks.resolve(documentUrl, link);
        }
        Matcher scheme = SCHEME.matcher(link);
        String name = scheme.find() ? scheme.group(1).toLowerCase(Locale.ROOT) : "";
        if (!name.isEmpty() && !name.equals("http") && !name.equals("https")) {
            notices.add("item " + position + " links to a " + name + ": address; only http and https links are kept");
            return null;
        }
        Optional<String> canonical = name.isEmpty() ? Optional.empty() : CanonicalUrl.of(link);
        if (canonical.isEmpty()) {
            notices.add("item " + position + " links to \"" + abbreviate(link) + "\", which is not a web address;"
                    + " the link was left out");
            return null;
        }
        return new Link(link, canonical.get());
    }

    private static URI parse(String link) {
        try {
            return new URI(link);
        } catch (Exception e) {
            return null;
        }
    }

    private static String sourceName(FeedSource source, FeedMetadata metadata, URI documentUrl) {
        if (source.title() != null && !source.title().isBlank()) {
            return source.title().strip();
        }
        if (metadata.title() != null && !metadata.title().isBlank()) {
            return metadata.title();
        }
        URI feedUri = parse(source.feedUrl());
        String host = feedUri != null && feedUri.getHost() != null ? feedUri.getHost() : documentUrl.getHost();
        return host == null ? source.feedUrl() : host.toLowerCase(Locale.ROOT);
    }

    private static String abbreviate(String value) {
        return value.length() <= 60 ? value : value.substring(0, 57) + "...";
    }
}
