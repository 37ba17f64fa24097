package org.newswatch.gateway.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * A real Server-Sent Events client on the JDK's HttpClient: reads the stream line by line on its own thread and
 * collects comments and events as the SSE format defines them.
 */
public final class SseClient implements AutoCloseable {

    /** One dispatched event. */
    public record Event(String id, String name, String data, long receivedNanos) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> status = new CompletableFuture<>();
    private volatile Stream<String> lines;
    private volatile String body = "";
    private volatile boolean closed;

    private SseClient() {
    }

    /**
     * Connects; returns at once, the stream is read in the background.
     *
     * @param authorization the Authorization header value, or null
     * @param lastEventId   the Last-Event-ID header value, or null
     */
    public static SseClient connect(URI uri, String authorization, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        SseClient client = new SseClient();
        HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines()).whenComplete((response, failure) -> {
            if (failure != null) {
                client.status.completeExceptionally(failure);
                return;
            }
            client.status.complete(response.statusCode());
            client.lines = response.body();
            Thread reader = new Thread(() -> client.read(response.statusCode()), "sse-client");
            reader.setDaemon(true);
            reader.start();
        });
        return client;
    }

    private void read(int statusCode) {
        String id = null;
        String name = null;
        StringBuilder data = null;
        try {
            for (String line : (Iterable<String>) lines::iterator) {
                if (statusCode != 200) {
                    body += line;
                    continue;
                }
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(id, name, data.toString(), System.nanoTime()));
                    }
                    id = null;
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).strip());
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1);
                    if (value.startsWith(" ")) {
                        value = value.substring(1);
                    }
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> name = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> {
                            // retry and unknown fields are not used here
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            if (!closed) {
                comments.add("client error: " + e);
            }
        }
    }

    /** The HTTP status, once the headers arrived (null before). */
    public Integer status() {
        return status.getNow(null);
    }

    /** The body of a non-200 answer, as far as read. */
    public String body() {
        return body;
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    public List<String> comments() {
        return List.copyOf(comments);
    }

    /** Whether the server sent its ":connected" comment: the client is registered. */
    public boolean connected() {
        return comments.contains("connected");
    }

    public boolean received(String articleId) {
        return events.stream().anyMatch(event -> event.data().contains("\"id\":\"" + articleId + "\""));
    }

    @Override
    public void close() {
        closed = true;
        Stream<String> open = lines;
        if (open != null) {
            open.close();
        }
    }
}
