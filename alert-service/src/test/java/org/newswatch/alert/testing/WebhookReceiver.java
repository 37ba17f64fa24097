package org.newswatch.alert.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real webhook receiver on 127.0.0.1 (the JDK's HTTP server) for tests: answers with scripted replies, then
 * 200, and keeps every request it got, each verified with the Standard Webhooks library against the secrets
 * it was told about.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One scripted answer. */
    public record Reply(int status, Map<String, String> headers, String body, Duration delay) {

        public static Reply status(int status) {
            return new Reply(status, Map.of(), "", Duration.ZERO);
        }

        public Reply withHeader(String name, String value) {
            var all = new java.util.HashMap<>(headers);
            all.put(name, value);
            return new Reply(status, Map.copyOf(all), body, delay);
        }

        public Reply withBody(String text) {
            return new Reply(status, headers, text, delay);
        }

        public Reply after(Duration wait) {
            return new Reply(status, headers, body, wait);
        }
    }

    /**
     * A request as received.
     *
     * @param verifiedWith the secrets (by index in {@link #trust}) whose signature verified; empty when none did
     */
    public record Received(Instant at, String path, Map<String, List<String>> headers, String body,
            List<Integer> verifiedWith) {

        public String header(String name) {
            for (var entry : headers.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name)) {
                    return entry.getValue().get(0);
                }
            }
            return null;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Deque<Reply> script = new ConcurrentLinkedDeque<>();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final List<String> secrets = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile CountDownLatch held = new CountDownLatch(0);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** The URL of a path on this receiver, e.g. {@code url("/hooks/a")}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Answers the next requests with these replies, in order; later ones get 200. */
    public WebhookReceiver script(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    /** Verifies signatures with this secret too ({@code whsec_…}). */
    public WebhookReceiver trust(String secret) {
        secrets.add(secret);
        return this;
    }

    /** Holds every request from now on until {@link #release()}. */
    public WebhookReceiver hold() {
        held = new CountDownLatch(1);
        return this;
    }

    /** Answers the held requests and stops holding. */
    public void release() {
        held.countDown();
    }

    /** Requests being answered right now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** The most requests ever in progress at once. */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try (exchange) {
            try {
                held.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Map<String, List<String>> headers = Map.copyOf(exchange.getRequestHeaders());
            received.add(new Received(Instant.now(), exchange.getRequestURI().getPath(), headers, body,
                    verify(body, headers)));
            Reply reply = script.poll();
            if (reply == null) {
                reply = Reply.status(200).withBody("ok");
            }
            if (!reply.delay().isZero()) {
                try {
                    // A slow receiver; released early when the test ends.
                    released.await(reply.delay().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (IOException e) {
            // The sender gave up (its timeout): nothing to answer.
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private List<Integer> verify(String body, Map<String, List<String>> headers) {
        List<Integer> verified = new ArrayList<>();
        List<String> known;
        synchronized (secrets) {
            known = List.copyOf(secrets);
        }
        for (int i = 0; i < known.size(); i++) {
            try {
                new Webhook(known.get(i)).verify(body, HttpHeaders.of(headers, (name, value) -> true));
                verified.add(i);
            } catch (WebhookVerificationException | RuntimeException e) {
                // Not signed with this secret.
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return verified;
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
