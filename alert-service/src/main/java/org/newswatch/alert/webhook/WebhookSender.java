package org.newswatch.alert.webhook;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import org.newswatch.alert.delivery.DeliveryOutcome;
import org.newswatch.alert.webhook.WebhookSigner.SignatureHeaders;

import jakarta.inject.Singleton;

/**
 * Makes one webhook request and says how it went. Redirects are never followed (a 3xx is a failure: a
 * receiver must give its final URL, and a redirect could lead past the SSRF check); only a 2xx is success.
 */
@Singleton
public class WebhookSender {

    static final String USER_AGENT = "newswatch-alert/1";
    private static final int LOGGED_BODY_CHARS = 200;

    private final WebhookConfig config;
    private final HttpClient client;

    public WebhookSender(WebhookConfig config) {
        this.config = config;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(min(config.connectTimeout(), config.timeout()))
                // Receivers are plain HTTP/1.1 servers more often than not; no h2c upgrade dance.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Posts {@code body} to {@code url} with the signing headers; blocks up to the configured timeout. */
    public DeliveryOutcome post(URI url, String body, SignatureHeaders signature) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .header("webhook-id", signature.id())
                .header("webhook-timestamp", signature.timestamp())
                .header("webhook-signature", signature.signature())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        CompletableFuture<HttpResponse<String>> exchange = client.sendAsync(request,
                info -> new CappedBody(config.responseBodyLimit()));
        try {
            // The request timeout covers the wait for the status line; this one covers the answer's body too.
            return judge(exchange.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return DeliveryOutcome.failed(null, "no answer within " + describe(config.timeout()));
        } catch (ExecutionException e) {
            return DeliveryOutcome.failed(null, describeFailure(e.getCause(), url));
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return DeliveryOutcome.failed(null, "interrupted: the service was stopping");
        }
    }

    private DeliveryOutcome judge(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return DeliveryOutcome.delivered(status);
        }
        if (status >= 300 && status < 400) {
            String location = response.headers().firstValue("Location").orElse("(no Location header)");
            return DeliveryOutcome.failed(status, "HTTP " + status + ": redirect to " + truncate(location)
                    + " not followed; give the final URL of the endpoint");
        }
        if (status == 410) {
            return DeliveryOutcome.endpointGone(status, "HTTP 410 Gone: the receiver retired this endpoint"
                    + bodyNote(response.body()));
        }
        if (status == 429 || status == 503) {
            // An HTTP date in Retry-After is the receiver's real time, so it is read against ours.
            var retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null),
                    Instant.now(), config.maxRetryAfter());
            return DeliveryOutcome.failed(status, "HTTP " + status
                    + retryAfter.map(wait -> ", Retry-After " + describe(wait)).orElse("") + bodyNote(response.body()),
                    retryAfter.orElse(null));
        }
        return DeliveryOutcome.failed(status, "HTTP " + status + bodyNote(response.body()));
    }

    private String describeFailure(Throwable cause, URI url) {
        String target = url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
        if (cause instanceof HttpConnectTimeoutException) {
            return "could not connect to " + target + " within " + describe(config.connectTimeout());
        }
        if (cause instanceof HttpTimeoutException) {
            return "no answer within " + describe(config.timeout());
        }
        if (cause instanceof ConnectException) {
            return "connection to " + target + " refused or unreachable";
        }
        if (cause instanceof UnknownHostException) {
            return "host " + url.getHost() + " not found (DNS)";
        }
        if (cause instanceof SSLException) {
            return "TLS with " + target + " failed: " + cause.getMessage();
        }
        if (cause instanceof IOException) {
            return "connection to " + target + " failed: " + (cause.getMessage() == null
                    ? cause.getClass().getSimpleName() : cause.getMessage());
        }
        return "request to " + target + " failed: " + cause;
    }

    private static String bodyNote(String body) {
        String compact = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return compact.isEmpty() ? "" : ": " + truncate(compact);
    }

    private static String truncate(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= LOGGED_BODY_CHARS ? printable : printable.substring(0, LOGGED_BODY_CHARS) + "…";
    }

    static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
