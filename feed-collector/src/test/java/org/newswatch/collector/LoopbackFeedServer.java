package org.newswatch.collector;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 serving fixture feeds and misbehaving on demand. Each path answers with a
 * route; every request is recorded so a test can see what the collector sent (conditional headers,
 * User-Agent).
 */
public final class LoopbackFeedServer implements AutoCloseable {

    /** What the server received. */
    public record Received(String path, Headers headers) {
    }

    /** How the server's threads are named, so that a benchmark can tell their CPU time from the collector's. */
    public static final String THREAD_PREFIX = "loopback-feed-server-";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16, new ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, THREAD_PREFIX + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    });
    private final Map<String, HttpHandler> routes = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public LoopbackFeedServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders()));
            HttpHandler route = routes.get(exchange.getRequestURI().getPath());
            try (exchange) {
                if (route == null) {
                    respond(exchange, 404, "text/plain", "no such fixture".getBytes(StandardCharsets.UTF_8));
                } else {
                    route.handle(exchange);
                }
            } catch (IOException e) {
                // The client hung up (cap reached, deadline passed): what the test provoked.
            }
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public LoopbackFeedServer route(String path, HttpHandler handler) {
        routes.put(path, handler);
        return this;
    }

    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // Routes

    /** A fixture from {@code src/test/resources/served/}, with an ETag and Last-Modified; 304 when they match. */
    public static HttpHandler fixture(String name, String contentType) {
        return bytes(readFixture(name), contentType);
    }

    /** A body with validators derived from its content; conditional requests that match get a 304. */
    public static HttpHandler bytes(byte[] body, String contentType) {
        String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(body)) + "\"";
        String lastModified = "Mon, 02 Mar 2026 10:00:00 GMT";
        return exchange -> {
            exchange.getResponseHeaders().set("ETag", etag);
            exchange.getResponseHeaders().set("Last-Modified", lastModified);
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            respond(exchange, 200, contentType, body);
        };
    }

    public static HttpHandler gzipped(byte[] body, String contentType) {
        return exchange -> {
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
                gzip.write(body);
            }
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            respond(exchange, 200, contentType, compressed.toByteArray());
        };
    }

    public static HttpHandler status(int status, Map<String, String> headers) {
        return exchange -> {
            headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            respond(exchange, status, "text/plain", ("status " + status).getBytes(StandardCharsets.UTF_8));
        };
    }

    public static HttpHandler redirect(int status, String location) {
        return status(status, Map.of("Location", location));
    }

    /** A body that never ends: bytes as fast as the client takes them, bounded to 1 GB and 60 s. */
    public static HttpHandler endless() {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = ("<item><title>again</title></item>\n".repeat(256)).getBytes(StandardCharsets.UTF_8);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>".getBytes(StandardCharsets.UTF_8));
                for (long sent = 0; sent < 1L << 30 && System.nanoTime() < until; sent += chunk.length) {
                    out.write(chunk);
                }
            }
        };
    }

    /** One byte per second, bounded to 120 bytes: a server a deadline must cut. */
    public static HttpHandler trickling() {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] body = readFixture("rss2.xml");
                for (int i = 0; i < Math.min(120, body.length); i++) {
                    out.write(body[i]);
                    out.flush();
                    TimeUnit.SECONDS.sleep(1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    public static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    public static byte[] readFixture(String name) {
        try (InputStream in = LoopbackFeedServer.class.getResourceAsStream("/served/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture served/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
