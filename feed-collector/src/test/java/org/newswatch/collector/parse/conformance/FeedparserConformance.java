package org.newswatch.collector.parse.conformance;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.newswatch.collector.parse.FeedDocument;
import org.newswatch.collector.parse.FeedParseException;
import org.newswatch.collector.parse.FeedReader;
import org.newswatch.collector.parse.FeedReading;
import org.newswatch.collector.parse.FeedSource;
import org.newswatch.contracts.ArticleCollected;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs Python feedparser's test feeds (a folder with {@code manifest.jsonl}, see its README) through
 * {@link FeedReader} and prints, per field, how often we agree with feedparser, then every disagreement.
 *
 * <p>Not a test: the project never needs that folder. Run it with
 * {@code mvn -B -ntp -Pbench -pl feed-collector test-compile exec:exec
 * -Dbench.main=org.newswatch.collector.parse.conformance.FeedparserConformance -Dbench.args=<folder>}.
 */
public final class FeedparserConformance {

    /** Where feedparser's harness served the files; expectations for relative links are resolved against it. */
    private static final String HARNESS_URL = "http://127.0.0.1:8097/tests/";

    private FeedparserConformance() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: FeedparserConformance <folder with manifest.jsonl>");
            System.exit(2);
        }
        Path folder = Path.of(args[0]);
        ObjectMapper json = new ObjectMapper();
        FeedReader reader = new FeedReader();
        Map<String, int[]> byKind = new TreeMap<>();
        Map<String, int[]> byFormat = new TreeMap<>();
        List<String> disagreements = new ArrayList<>();
        for (String line : Files.readAllLines(folder.resolve("manifest.jsonl"))) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode entry = json.readTree(line);
            Outcome outcome = check(reader, folder, entry);
            String kind = entry.path("kind").asText() + "/" + entry.path("target").asText();
            tally(byKind, kind, outcome);
            tally(byFormat, entry.path("format").asText(), outcome);
            if (!outcome.agrees()) {
                disagreements.add(entry.path("file").asText() + " [" + kind + "]\n    expected: "
                        + quoted(entry.path(entry.path("kind").asText().equals("link") ? "expected" : "expected_text")
                                .asText())
                        + "\n    actual:   " + outcome.actual()
                        + "\n    (" + entry.path("description").asText() + ")");
            }
        }
        System.out.println("Agreement with feedparser, by field (collapsed: entries[0] agrees, a later asserted entry"
                + " is the same article and was published once):");
        byKind.forEach((kind, counts) -> print(kind, counts));
        int[] all = new int[3];
        byKind.values().forEach(c -> {
            for (int i = 0; i < 3; i++) {
                all[i] += c[i];
            }
        });
        print("all", all);
        System.out.println("By format:");
        byFormat.forEach(FeedparserConformance::print);
        System.out.println("Disagreements (" + disagreements.size() + "):");
        disagreements.forEach(d -> System.out.println("  " + d));
    }

    /**
     * @param agrees    whether every asserted entry agrees
     * @param collapsed whether entries[0] agrees and a later asserted entry is the same article (same id), which
     *                  the collector publishes once by design
     */
    private record Outcome(boolean agrees, boolean collapsed, String actual) {

        Outcome(boolean agrees, String actual) {
            this(agrees, false, actual);
        }
    }

    private static Outcome check(FeedReader reader, Path folder, JsonNode entry) throws IOException {
        String file = entry.path("file").asText();
        byte[] body = Files.readAllBytes(folder.resolve(file));
        URI documentUri = URI.create(entry.hasNonNull("document_uri") ? entry.path("document_uri").asText()
                : HARNESS_URL + file);
        // Content-Location is the base for relative links when the server sends it, as the emulated headers say.
        String contentLocation = entry.path("http_headers").path("Content-Location").asText(null);
        URI url = contentLocation == null ? documentUri : documentUri.resolve(contentLocation);
        String contentType = entry.path("http_content_type").asText(null);
        FeedReading reading;
        try {
            reading = reader.read(new FeedDocument(body, contentType, url), new FeedSource("conformance", url.toString(),
                    null), Instant.parse("2025-06-11T12:00:00Z"));
        } catch (FeedParseException e) {
            return new Outcome(false, "error " + e.kind() + ": " + e.getMessage());
        }
        String kind = entry.path("kind").asText();
        if (entry.path("target").asText().equals("feed")) {
            return compare(normalize(entry.path("expected_text").asText()), normalize(reading.feed().title()));
        }
        List<Integer> indexes = new ArrayList<>(List.of(0));
        entry.path("same_expected_for_entries").forEach(index -> indexes.add(index.asInt()));
        Outcome outcome = null;
        for (int index : indexes) {
            if (reading.articles().size() <= index) {
                return new Outcome(false, index > 0, "no article at index " + index + " (" + reading.articles().size()
                        + " articles; notices " + reading.notices() + ")");
            }
            ArticleCollected article = reading.articles().get(index);
            outcome = switch (kind) {
                case "link" -> compare(entry.path("expected").asText().strip(),
                        article.url() == null ? null : article.url().strip());
                case "title" -> compare(normalize(entry.path("expected_text").asText()), normalize(article.title()));
                case "summary" -> compare(normalize(entry.path("expected_text").asText()),
                        normalize(article.summary()));
                default -> throw new IllegalArgumentException("unknown kind " + kind);
            };
            if (!outcome.agrees()) {
                return outcome;
            }
        }
        return outcome;
    }

    private static Outcome compare(String expected, String actual) {
        return new Outcome(expected.equals(actual), quoted(actual));
    }

    private static String normalize(String text) {
        return text == null ? null : text.replaceAll("\\s+", " ").strip();
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    private static void print(String key, int[] counts) {
        System.out.printf("  %-52s %3d/%d agree%s%n", key, counts[0], counts[1],
                counts[2] == 0 ? "" : ", " + counts[2] + " collapsed");
    }

    private static void tally(Map<String, int[]> counts, String key, Outcome outcome) {
        int[] count = counts.computeIfAbsent(key, k -> new int[3]);
        count[1]++;
        if (outcome.agrees()) {
            count[0]++;
        } else if (outcome.collapsed()) {
            count[2]++;
        }
    }
}
