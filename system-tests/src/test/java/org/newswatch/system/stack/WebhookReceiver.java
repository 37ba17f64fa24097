package org.newswatch.system.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpExchange;

/**
 * A subscriber's webhook endpoint on 127.0.0.1, one path per subscription ({@code /hooks/<name>}). Every request
 * is verified with the Standard Webhooks library against the secret the subscription answer showed; a verified
 * one is answered 204 and kept, anything else is answered 401 and kept among the rejected.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One verified delivery: the Standard Webhooks id and the parsed body. */
    public record Received(String hook, String webhookId, long timestamp, JsonNode body) {

        public JsonNode data() {
            return body.path("data");
        }

        public String title() {
            return data().path("title").asText();
        }
    }

    /** A request that failed verification, with the reason. */
    public record Rejected(String path, String reason) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Rejected> rejected = new CopyOnWriteArrayList<>();
    private final LoopbackHttpServer server;

    public WebhookReceiver() {
        server = new LoopbackHttpServer("/hooks/", this::handle);
    }

    /** The URL to subscribe for the hook {@code name}. */
    public String url(String name) {
        return server.url("/hooks/" + name);
    }

    /** The signing secret ({@code whsec_…}) the subscription of hook {@code name} was given. */
    public void trust(String name, String secret) {
        secrets.put(name, secret);
    }

    /** Every verified delivery to hook {@code name}, in arrival order. */
    public List<Received> receivedBy(String name) {
        return received.stream().filter(r -> r.hook().equals(name)).toList();
    }

    public List<Rejected> rejected() {
        return List.copyOf(rejected);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String hook = path.substring("/hooks/".length());
            byte[] raw;
            try (InputStream in = exchange.getRequestBody()) {
                raw = in.readAllBytes();
            }
            String body = new String(raw, StandardCharsets.UTF_8);
            String secret = secrets.get(hook);
            if (!exchange.getRequestMethod().equals("POST") || secret == null) {
                rejected.add(new Rejected(path, exchange.getRequestMethod() + " to a hook without a subscription"));
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            Map<String, List<String>> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(values)));
            try {
                // Checks the signature over id.timestamp.body and that the timestamp is within five minutes.
                new Webhook(secret).verify(body, headers);
            } catch (WebhookVerificationException | EmptyWebhookSecretException e) {
                rejected.add(new Rejected(path, "signature: " + e.getMessage()));
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            received.add(new Received(hook, headers.get("webhook-id").get(0),
                    Long.parseLong(headers.get("webhook-timestamp").get(0)), JSON.readTree(body)));
            exchange.sendResponseHeaders(204, -1);
        } catch (RuntimeException e) {
            rejected.add(new Rejected(exchange.getRequestURI().getPath(), e.toString()));
            throw e;
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
