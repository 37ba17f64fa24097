package org.newswatch.collector.parse;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** Reads JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) with Jackson. */
final class JsonFeedParser {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final String VERSION_PREFIX = "//jsonfeed.org/version/";

    private JsonFeedParser() {
    }

    static ParsedFeed parse(String json, URI documentUrl) throws FeedParseException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            String where = location == null ? "" : "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ";
            throw new FeedParseException(FeedErrorKind.MALFORMED, where + "not well-formed JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new FeedParseException(FeedErrorKind.EMPTY_BODY, "the body holds no JSON value");
        }
        if (!root.isObject()) {
            throw new FeedParseException(FeedErrorKind.NOT_A_FEED,
                    "JSON, but not a JSON Feed: the top level is " + describe(root) + ", not an object");
        }
        String version = root.path("version").asText("");
        int marker = version.indexOf(VERSION_PREFIX);
        if (!root.path("version").isTextual() || marker < 0 || !version.startsWith("http")) {
            throw new FeedParseException(FeedErrorKind.NOT_A_FEED,
                    "JSON, but not a JSON Feed: it has no \"version\": \"https://jsonfeed.org/version/1.1\"");
        }
        JsonNode items = root.path("items");
        if (!items.isArray()) {
            throw new FeedParseException(FeedErrorKind.NOT_A_FEED,
                    "a JSON Feed without an \"items\" array (\"items\" is " + describe(items) + ")");
        }
        String number = version.substring(marker + VERSION_PREFIX.length());
        FeedMetadata metadata = new FeedMetadata("json-feed-" + (number.equals("1") ? "1.0" : number),
                emptyToNull(HtmlText.cleanLine(text(root, "title"))),
                RelativeLinks.webAddressOrNull(absolute(documentUrl, text(root, "home_page_url"))),
                LanguageTags.normalize(text(root, "language")), null);
        List<FeedItem> parsed = new ArrayList<>(items.size());
        List<String> notices = new ArrayList<>();
        int position = 0;
        for (JsonNode item : items) {
            position++;
            if (!item.isObject()) {
                notices.add("item " + position + " is " + describe(item) + ", not an object, so it was skipped");
                continue;
            }
            parsed.add(item(item, documentUrl));
        }
        return new ParsedFeed(metadata, parsed, notices);
    }

    private static FeedItem item(JsonNode item, URI documentUrl) {
        String url = absolute(documentUrl, text(item, "url"));
        if (url == null) {
            url = absolute(documentUrl, text(item, "external_url"));
        }
        String html = text(item, "content_html");
        FeedText content = html != null ? FeedText.html(html) : FeedText.plain(text(item, "content_text"));
        return new FeedItem(
                emptyToNull(item.path("id").isValueNode() ? item.path("id").asText().strip() : null),
                url,
                FeedText.plain(text(item, "title")),
                FeedText.plain(text(item, "summary")),
                content,
                authors(item),
                tags(item.path("tags")),
                FeedDates.parse(text(item, "date_published")),
                FeedDates.parse(text(item, "date_modified")),
                text(item, "language"));
    }

    /** JSON Feed 1.1 {@code authors}, else 1.0 {@code author}; names, else URLs. */
    private static String authors(JsonNode item) {
        Set<String> names = new LinkedHashSet<>();
        JsonNode authors = item.path("authors");
        if (authors.isArray()) {
            authors.forEach(author -> addAuthor(names, author));
        }
        if (names.isEmpty()) {
            addAuthor(names, item.path("author"));
        }
        return names.isEmpty() ? null : String.join(", ", names);
    }

    private static void addAuthor(Set<String> names, JsonNode author) {
        String name = text(author, "name");
        if (name == null) {
            name = text(author, "url");
        }
        if (name != null) {
            String clean = HtmlText.cleanLine(name);
            if (!clean.isEmpty()) {
                names.add(clean);
            }
        }
    }

    private static List<String> tags(JsonNode tags) {
        Set<String> names = new LinkedHashSet<>();
        if (tags.isArray()) {
            for (JsonNode tag : tags) {
                if (tag.isTextual()) {
                    String clean = HtmlText.cleanLine(tag.asText());
                    if (!clean.isEmpty()) {
                        names.add(clean);
                    }
                }
            }
        }
        return List.copyOf(names);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static String absolute(URI base, String reference) {
        return reference == null ? null : RelativeLinks.resolve(base, reference);
    }

    private static String describe(JsonNode node) {
        if (node.isMissingNode()) {
            return "missing";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
