package org.newswatch.collector.fetch;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.newswatch.security.OutboundUrlGuard;
import org.newswatch.security.RefusedUrlException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Fetches a feed politely and defensively: conditional GET, gzip/deflate, redirects followed by hand (each hop
 * through the SSRF guard, a permanent move reported so the registry can follow it), a connect timeout and a
 * deadline for the whole fetch, a body cap, an honest User-Agent.
 * <p>
 * Built on {@link java.net.http.HttpClient} rather than the Vert.x WebClient: it needs no event loop, so the same
 * fetcher serves the poller, the preview and the benchmark unchanged; its asynchronous exchange can be cancelled
 * at the deadline (the connection is closed, so a trickling server costs nothing more); and a body subscriber
 * sees the body chunk by chunk, so the cap stops the transfer instead of buffering it.
 */
@ApplicationScoped
public class FeedFetcher {

    static final String ACCEPT = "application/rss+xml, application/atom+xml, application/rdf+xml, "
            + "application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5";
    /** Error pages and redirect bodies are only glanced at: a little of them is plenty. */
    private static final long GLANCE_BYTES = 64 * 1024;

    private final FetchConfig config;
    private final OutboundUrlGuard guard;
    private final String userAgent;
    private final HttpClient client;

    @Inject
    public FeedFetcher(FetchConfig config, OutboundUrlGuard guard,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version) {
        this.config = config;
        this.guard = guard;
        this.userAgent = "newswatch-feed-collector/" + version + " (+" + config.projectUrl() + ")";
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(config.connectTimeout())
                .proxy(HttpClient.Builder.NO_PROXY)
                .build();
    }

    public String userAgent() {
        return userAgent;
    }

    public FetchResponse fetch(FetchRequest request) throws FetchException {
        long deadline = System.nanoTime() + config.deadline().toNanos();
        URI uri = checked(request.url());
        Set<URI> visited = new HashSet<>();
        visited.add(uri);
        String permanentUrl = null;
        boolean movedPermanentlySoFar = true;
        for (int hops = 0;; hops++) {
            HttpResponse<byte[]> response = exchange(requestFor(uri, request), uri, deadline);
            int status = response.statusCode();
            Instant now = Instant.now();
            if (isRedirect(status)) {
                URI next = redirectTarget(uri, response);
                if (hops >= config.maxRedirects()) {
                    throw new FetchException(FetchErrorKind.TOO_MANY_REDIRECTS, "more than " + config.maxRedirects()
                            + " redirects; the last one, " + status + " from " + uri + ", led to " + next, status,
                            null, null);
                }
                if (!visited.add(next)) {
                    throw new FetchException(FetchErrorKind.REDIRECT_LOOP, "redirect loop: " + status + " from "
                            + uri + " leads back to " + next + ", already visited", status, null, null);
                }
                movedPermanentlySoFar &= status == 301 || status == 308;
                if (movedPermanentlySoFar) {
                    permanentUrl = next.toString();
                }
                uri = checked(next.toString());
                continue;
            }
            if (status == 304) {
                return new FetchResponse(status, new byte[0], null, uri, permanentUrl,
                        header(response, "ETag", request.etag()),
                        header(response, "Last-Modified", request.lastModified()),
                        HttpCaching.freshFor(response.headers(), now));
            }
            if (status >= 200 && status < 300) {
                byte[] body = ContentDecoding.decode(response.body(),
                        response.headers().firstValue("Content-Encoding").orElse(null), config.maxBodyBytes());
                return new FetchResponse(status, body, response.headers().firstValue("Content-Type").orElse(null),
                        uri, permanentUrl, header(response, "ETag", null), header(response, "Last-Modified", null),
                        HttpCaching.freshFor(response.headers(), now));
            }
            throw statusError(uri, status, HttpCaching.retryAfter(response.headers(), now));
        }
    }

    private URI checked(String url) throws FetchException {
        try {
            return guard.check(url);
        } catch (RefusedUrlException e) {
            throw new FetchException(FetchErrorKind.REFUSED_URL, "refused " + url + ": " + e.getMessage(), e);
        }
    }

    private HttpRequest requestFor(URI uri, FetchRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .GET()
                .header("User-Agent", userAgent)
                .header("Accept", ACCEPT)
                .header("Accept-Encoding", "gzip, deflate");
        if (request.etag() != null) {
            builder.header("If-None-Match", request.etag());
        }
        if (request.lastModified() != null) {
            builder.header("If-Modified-Since", request.lastModified());
        }
        return builder.build();
    }

    private HttpResponse<byte[]> exchange(HttpRequest request, URI uri, long deadline) throws FetchException {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw timeout(uri);
        }
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request, info -> {
            boolean success = info.statusCode() >= 200 && info.statusCode() < 300;
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            return success ? new CappedBodySubscriber(config.maxBodyBytes(), true, declared)
                    : new CappedBodySubscriber(GLANCE_BYTES, false, declared);
        });
        try {
            return exchange.get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw timeout(uri);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new FetchException(FetchErrorKind.IO, "the fetch of " + uri + " was interrupted", e);
        } catch (ExecutionException e) {
            throw translate(e.getCause(), uri);
        }
    }

    private FetchException timeout(URI uri) {
        return new FetchException(FetchErrorKind.TIMEOUT, "no complete answer from " + uri.getHost() + " within "
                + seconds(config.deadline()) + " (the fetch deadline); the server is too slow or trickles its answer");
    }

    private FetchException translate(Throwable error, URI uri) {
        String host = uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof CappedBodySubscriber.BodyTooLargeException) {
                return new FetchException(FetchErrorKind.BODY_TOO_LARGE, "the body of " + uri
                        + " is larger than the cap of " + config.maxBodyBytes() + " bytes; the transfer was cut", t);
            }
            if (t instanceof UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return new FetchException(FetchErrorKind.UNKNOWN_HOST, "the host " + uri.getHost()
                        + " does not resolve", t);
            }
        }
        if (error instanceof HttpConnectTimeoutException) {
            return new FetchException(FetchErrorKind.CONNECT_TIMEOUT, "no connection to " + host + " within "
                    + seconds(config.connectTimeout()), error);
        }
        if (error instanceof HttpTimeoutException) {
            return timeout(uri);
        }
        if (error instanceof ConnectException) {
            return new FetchException(FetchErrorKind.CONNECT_FAILED, "cannot connect to " + host + ": "
                    + describe(error), error);
        }
        if (error instanceof SSLException) {
            return new FetchException(FetchErrorKind.TLS, "TLS with " + host + " failed: " + describe(error), error);
        }
        if (error instanceof IOException) {
            return new FetchException(FetchErrorKind.IO, "the exchange with " + host + " broke: " + describe(error),
                    error);
        }
        return new FetchException(FetchErrorKind.IO, "the fetch of " + uri + " failed: " + describe(error), error);
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        if (message == null && error.getCause() != null) {
            message = error.getCause().getMessage();
        }
        return message == null ? error.getClass().getSimpleName() : message;
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static URI redirectTarget(URI from, HttpResponse<byte[]> response) throws FetchException {
        String location = response.headers().firstValue("Location").orElse(null);
        if (location == null || location.isBlank()) {
            throw new FetchException(FetchErrorKind.BAD_REDIRECT, response.statusCode() + " from " + from
                    + " without a Location header", response.statusCode(), null, null);
        }
        try {
            URI target = from.resolve(new URI(location.strip()));
            // A fragment is never sent; two Locations differing only by one are the same hop.
            return new URI(target.getScheme(), target.getRawAuthority(), target.getRawPath(), target.getRawQuery(),
                    null).normalize();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new FetchException(FetchErrorKind.BAD_REDIRECT, response.statusCode() + " from " + from
                    + " to an invalid Location: " + location, response.statusCode(), null, e);
        }
    }

    private static FetchException statusError(URI uri, int status, Duration retryAfter) {
        FetchErrorKind kind;
        if (status == 404) {
            kind = FetchErrorKind.NOT_FOUND;
        } else if (status == 410) {
            kind = FetchErrorKind.GONE;
        } else if (status == 401 || status == 403) {
            kind = FetchErrorKind.ACCESS_DENIED;
        } else if (status == 429) {
            kind = FetchErrorKind.RATE_LIMITED;
        } else if (status >= 500) {
            kind = FetchErrorKind.SERVER_ERROR;
        } else if (status < 400) {
            kind = FetchErrorKind.BAD_REDIRECT;
        } else {
            kind = FetchErrorKind.CLIENT_ERROR;
        }
        String message = "HTTP " + status + " from " + uri
                + (retryAfter == null ? "" : "; the server asks to retry after " + seconds(retryAfter));
        return new FetchException(kind, message, status, retryAfter, null);
    }

    private static String header(HttpResponse<?> response, String name, String fallback) {
        return response.headers().firstValue(name).filter(v -> !v.isBlank()).orElse(fallback);
    }

    private static String seconds(Duration duration) {
        return duration.toSeconds() + " s";
    }
}
