package org.newswatch.system.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;

/**
 * Serves the feed fixtures of {@code src/test/resources/feeds/} on 127.0.0.1, the way a news site serves its
 * feeds: a full 200 on every request (no validators, so every poll reads and parses the whole feed and only the
 * collector's own bookkeeping keeps old stories from being published again).
 *
 * <p>Fixtures hold dates relative to the server's start, {@code {{rfc822:-3h}}} or {@code {{iso:-90m}}}, so the
 * stories are always recent wherever and whenever the test runs; and a marker {@code <!-- more items -->} where
 * {@link #serve(String, String, String...)} inserts further item fixtures (a story added to a feed later).
 */
public final class FeedServer implements AutoCloseable {

    private static final Pattern DATE = Pattern.compile("\\{\\{(rfc822|iso):-(\\d+)([hm])}}");
    private static final String MORE_ITEMS = "<!-- more items -->";

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final Map<String, Page> pages = new ConcurrentHashMap<>();
    private final LoopbackHttpServer server;

    private record Page(byte[] body, String contentType) {
    }

    public FeedServer() {
        server = new LoopbackHttpServer("/", this::handle);
    }

    /** The absolute URL of {@code path} on this server. */
    public String url(String path) {
        return server.url(path);
    }

    /** Serves the fixture {@code feeds/<fixture>} at {@code path}, with the item fixtures inserted at its marker. */
    public void serve(String path, String fixture, String... extraItems) {
        String body = resource(fixture);
        if (extraItems.length > 0) {
            if (!body.contains(MORE_ITEMS)) {
                throw new IllegalArgumentException(fixture + " has no " + MORE_ITEMS + " marker");
            }
            StringBuilder items = new StringBuilder();
            for (String item : extraItems) {
                items.append(resource(item));
            }
            body = body.replace(MORE_ITEMS, items);
        }
        pages.put(path, new Page(withDates(body).getBytes(StandardCharsets.UTF_8), contentType(fixture)));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Page page = pages.get(path);
            if (page == null || !List.of("GET", "HEAD").contains(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(page == null ? 404 : 405, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", page.contentType());
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(200, head ? -1 : page.body().length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(page.body());
                }
            }
        }
    }

    private String withDates(String body) {
        Matcher matcher = DATE.matcher(body);
        StringBuilder rendered = new StringBuilder();
        while (matcher.find()) {
            long amount = Long.parseLong(matcher.group(2));
            Instant at = now.minus(matcher.group(3).equals("h") ? Duration.ofHours(amount) : Duration.ofMinutes(amount));
            String date = matcher.group(1).equals("iso") ? DateTimeFormatter.ISO_INSTANT.format(at)
                    : DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT).format(at.atOffset(ZoneOffset.UTC));
            matcher.appendReplacement(rendered, Matcher.quoteReplacement(date));
        }
        matcher.appendTail(rendered);
        return rendered.toString();
    }

    private static String contentType(String fixture) {
        if (fixture.endsWith(".atom")) {
            return "application/atom+xml; charset=utf-8";
        }
        if (fixture.endsWith(".rdf")) {
            return "application/rdf+xml; charset=utf-8";
        }
        return "application/rss+xml; charset=utf-8";
    }

    static String resource(String fixture) {
        String name = "feeds/" + fixture;
        try (InputStream in = FeedServer.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name + " on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
