package org.newswatch.alert.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The benchmark's webhook receiver on loopback: verifies each signature with the Standard Webhooks library
 * (secrets by path), answers 204, counts distinct and repeated webhook ids, and records, per request, the time
 * from the story's {@code classifiedAt} (set when the benchmark published it) to its arrival.
 */
final class BenchReceiver implements AutoCloseable {

    private static final Pattern CLASSIFIED_AT = Pattern.compile("\"classifiedAt\":\"([^\"]+)\"");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private final Map<String, String> secretsByPath = new ConcurrentHashMap<>();
    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong repeated = new AtomicLong();
    private final AtomicLong unverified = new AtomicLong();
    private volatile LatencyRecorder latencies = new LatencyRecorder();

    BenchReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void trust(String path, String secret) {
        secretsByPath.put(path, secret);
    }

    long received() {
        return received.get();
    }

    long repeated() {
        return repeated.get();
    }

    long unverified() {
        return unverified.get();
    }

    /** Starts a new latency sample and returns the previous one. */
    LatencyRecorder swapLatencies() {
        LatencyRecorder previous = latencies;
        latencies = new LatencyRecorder();
        return previous;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Instant arrived = Instant.now();
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String secret = secretsByPath.get(exchange.getRequestURI().getPath());
            boolean verified = false;
            if (secret != null) {
                try {
                    new Webhook(secret).verify(body, Map.copyOf(exchange.getRequestHeaders()));
                    verified = true;
                } catch (Exception e) {
                    verified = false;
                }
            }
            if (!verified) {
                unverified.incrementAndGet();
            }
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            if (id != null && !ids.add(id)) {
                repeated.incrementAndGet();
            }
            Matcher matcher = CLASSIFIED_AT.matcher(body);
            if (matcher.find()) {
                latencies.record(arrived.toEpochMilli() - Instant.parse(matcher.group(1)).toEpochMilli());
            }
            received.incrementAndGet();
            exchange.sendResponseHeaders(verified ? 204 : 401, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Latencies in milliseconds. */
    static final class LatencyRecorder {
        private final ConcurrentLinkedQueue<Long> values = new ConcurrentLinkedQueue<>();

        void record(long millis) {
            values.add(millis);
        }

        int count() {
            return values.size();
        }

        long percentile(double p) {
            List<Long> sorted = values.stream().sorted().toList();
            if (sorted.isEmpty()) {
                return -1;
            }
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
        }
    }
}
