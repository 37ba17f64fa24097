package org.newswatch.gateway.backend;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 standing in for one owning service: it records every request it gets and
 * answers what a test told it to (by method and path), like the real service would. It can also hang, drop
 * connections, or be stopped and started again on the same port.
 */
final class ServiceStub {

    /** A request as the service received it. */
    record Received(String method, String path, String query, Headers headers, byte[] body) {

        String header(String name) {
            return headers.getFirst(name);
        }

        List<String> headerValues(String name) {
            List<String> values = headers.get(name);
            return values == null ? List.of() : values;
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** What to answer. */
    record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {

        static Answer json(int status, String json) {
            return new Answer(status, "application/json;charset=UTF-8", json.getBytes(StandardCharsets.UTF_8), Map.of());
        }

        static Answer problem(int status, String json) {
            return new Answer(status, "application/problem+json", json.getBytes(StandardCharsets.UTF_8), Map.of());
        }

        static Answer empty(int status) {
            return new Answer(status, null, new byte[0], Map.of());
        }

        Answer withHeader(String name, String value) {
            var more = new java.util.HashMap<>(headers);
            more.put(name, value);
            return new Answer(status, contentType, body, Map.copyOf(more));
        }
    }

    private final String name;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final AtomicInteger dropsLeft = new AtomicInteger();
    private volatile CountDownLatch hang;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private HttpServer server;
    private int port;

    ServiceStub(String name) {
        this.name = name;
    }

    synchronized void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
        port = server.getAddress().getPort();
    }

    synchronized void stop() {
        release();
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Forgets requests and programmed answers; a hanging request is let go. */
    void reset() {
        release();
        received.clear();
        answers.clear();
        dropsLeft.set(0);
    }

    void answer(String method, String path, Answer answer) {
        answers.put(method + " " + path, answer);
    }

    /** The next {@code count} requests get their connection closed without an answer. */
    void dropNext(int count) {
        dropsLeft.set(count);
    }

    /** Every request from now on waits without an answer until {@link #reset()}. */
    void hang() {
        hang = new CountDownLatch(1);
    }

    private void release() {
        CountDownLatch latch = hang;
        hang = null;
        if (latch != null) {
            latch.countDown();
        }
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    Received last() {
        if (received.isEmpty()) {
            throw new AssertionError(name + " received no request");
        }
        return received.get(received.size() - 1);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String path = exchange.getRequestURI().getRawPath();
        received.add(new Received(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders(), body));
        if (dropsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            exchange.close(); // no status line: the client sees the connection closed
            return;
        }
        CountDownLatch latch = hang;
        if (latch != null) {
            try {
                latch.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        Answer answer = answers.getOrDefault(exchange.getRequestMethod() + " " + path,
                Answer.json(200, "{\"service\": \"" + name + "\"}"));
        if (answer.contentType() != null) {
            exchange.getResponseHeaders().add("Content-Type", answer.contentType());
        }
        answer.headers().forEach((header, value) -> exchange.getResponseHeaders().add(header, value));
        exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer.body());
        }
    }
}
