package org.newswatch.system.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A dashboard's Server-Sent Events connection, read line by line as the SSE format says: {@code field:value}
 * lines, a blank line ends an event, a line starting with a colon is a comment.
 */
public final class EventStreamClient implements AutoCloseable {

    /** One event: its id, name and parsed data. */
    public record Event(String id, String name, JsonNode data) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile Stream<String> lines;
    private volatile int status;

    private String id;
    private String name;
    private final StringBuilder data = new StringBuilder();

    /** Opens the stream at {@code url} with an API key; a thread of its own reads it until {@link #close()}. */
    public EventStreamClient(String url, String apiKey) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + apiKey)
                .GET().build();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        reader = new Thread(() -> {
            try {
                HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
                status = response.statusCode();
                lines = response.body();
                lines.forEach(this::line);
            } catch (IOException | UncheckedIOException e) {
                comments.add("connection ended: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "event-stream-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** The HTTP status, once the answer's head arrived (0 before). */
    public int status() {
        return status;
    }

    public List<String> comments() {
        return List.copyOf(comments);
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    private synchronized void line(String line) {
        if (line.isEmpty()) {
            if (!data.isEmpty() || name != null) {
                events.add(new Event(id, name, parse(data.toString())));
            }
            id = null;
            name = null;
            data.setLength(0);
        } else if (line.startsWith(":")) {
            comments.add(line.substring(1).strip());
        } else {
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
            switch (field) {
                case "id" -> id = value;
                case "event" -> name = value;
                case "data" -> data.append(data.isEmpty() ? "" : "\n").append(value);
                default -> {
                    // retry and unknown fields: nothing a test reads
                }
            }
        }
    }

    private static JsonNode parse(String data) {
        try {
            return JSON.readTree(data);
        } catch (JsonProcessingException e) {
            throw new AssertionError("an event whose data is not JSON: " + data, e);
        }
    }

    @Override
    public void close() {
        Stream<String> open = lines;
        if (open != null) {
            open.close();
        }
        reader.interrupt();
    }
}
