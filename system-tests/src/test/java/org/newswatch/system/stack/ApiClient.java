package org.newswatch.system.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A JSON client of one HTTP API (the gateway's), with an API key. */
public final class ApiClient {

    /** An answer: status, raw body and, when it is JSON, the parsed body. */
    public record Answer(String method, String uri, int status, String body, String contentType) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError(method + " " + uri + " answered " + status + " with a body that is not JSON: "
                        + body, e);
            }
        }

        /** The parsed body, after checking the status. */
        public JsonNode expect(int expected) {
            if (status != expected) {
                throw new AssertionError(method + " " + uri + " answered " + status + ", expected " + expected + ": "
                        + body);
            }
            return body.isEmpty() ? JSON.nullNode() : json();
        }

        @Override
        public String toString() {
            return method + " " + uri + " → " + status + " " + body;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private final String baseUrl;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiClient(String baseUrl, String apiKey) {
        this.baseUrl = baseUrl;
        if (apiKey != null) {
            headers.put("Authorization", "Bearer " + apiKey);
        }
    }

    public Answer get(String path) {
        return send("GET", path, HttpRequest.BodyPublishers.noBody(), null);
    }

    public Answer post(String path, Object body) {
        return send("POST", path, HttpRequest.BodyPublishers.ofString(toJson(body)), "application/json");
    }

    public Answer postEmpty(String path) {
        return send("POST", path, HttpRequest.BodyPublishers.noBody(), null);
    }

    /** A GET of an absolute URL (a link from a mail), without the API key: the link is its own authorisation. */
    public static Answer getUrl(String url) {
        return sendTo("GET", URI.create(url), HttpRequest.BodyPublishers.noBody(), null, Map.of());
    }

    private Answer send(String method, String path, HttpRequest.BodyPublisher body, String contentType) {
        return sendTo(method, URI.create(baseUrl + path), body, contentType, headers);
    }

    private static Answer sendTo(String method, URI uri, HttpRequest.BodyPublisher body, String contentType,
            Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, application/problem+json, text/html;q=0.5")
                .method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(method, uri.toString(), response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + method + " " + uri, e);
        }
    }

    private static String toJson(Object body) {
        try {
            return body instanceof String text ? text : JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
