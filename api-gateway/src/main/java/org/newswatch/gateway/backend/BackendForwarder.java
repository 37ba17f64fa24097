package org.newswatch.gateway.backend;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;
import org.newswatch.gateway.key.KeyCaller;
import org.newswatch.problem.Problem;

import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * Forwards one API call to the service that owns it and relays the answer unchanged (status, body, content type,
 * Location, Retry-After, ...). The call carries the gateway's service key, never the client's; for a subscriber it
 * names the key's owner in {@code X-Newswatch-Owner}. Other client headers are not passed on.
 *
 * <p>Vert.x's web client keeps the request on the event loop: a slow service costs no worker thread, so a feed
 * preview waiting 30 s on a remote site does not starve the rest of the API. Each service has its own SmallRye
 * circuit breaker; only GETs that never reached the service are retried. A service that is down, open-circuited
 * or silent gives a 503/504 problem naming it.
 */
@ApplicationScoped
public class BackendForwarder {

    private static final Logger LOG = Logger.getLogger(BackendForwarder.class);

    public static final String OWNER_HEADER = "X-Newswatch-Owner";
    /** Answer headers a client may need; hop-by-hop and server-internal ones stay behind. */
    private static final List<String> RELAYED_HEADERS = List.of(HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER,
            "Content-Disposition", HttpHeaders.CACHE_CONTROL, HttpHeaders.ETAG, HttpHeaders.LAST_MODIFIED,
            HttpHeaders.ALLOW, HttpHeaders.CONTENT_LANGUAGE, HttpHeaders.VARY);
    private static final long UNREACHABLE_RETRY_AFTER_SECONDS = 5;

    private final WebClient client;
    private final BackendConfig config;
    private final Optional<String> serviceKey;
    private final HttpServerRequest request;
    private final Map<Backend, TypedGuard<Uni<HttpResponse<Buffer>>>> guards = new EnumMap<>(Backend.class);

    public BackendForwarder(Vertx vertx, BackendConfig config,
            @ConfigProperty(name = "newswatch.service-key") Optional<String> serviceKey, HttpServerRequest request) {
        this.config = config;
        this.serviceKey = serviceKey.map(String::strip).filter(key -> !key.isEmpty());
        this.request = request;
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setMaxPoolSize(config.maxConnections())
                .setFollowRedirects(false)
                .setKeepAlive(true));
        for (Backend backend : Backend.values()) {
            guards.put(backend, guardOf(backend));
        }
        if (this.serviceKey.isEmpty()) {
            LOG.warn("no service key configured (newswatch.service-key / NEWSWATCH_SERVICE_KEY): the services will"
                    + " refuse the calls that need it");
        }
    }

    /** A call to {@code backend}, shaped by the builder's options. */
    public Call to(Backend backend) {
        return new Call(backend);
    }

    /** One call's options; ends with the method that sends it. */
    public final class Call {
        private final Backend backend;
        private Duration timeout = config.answerTimeout();
        private String owner;

        private Call(Backend backend) {
            this.backend = backend;
        }

        /** The service fetches something remote first: give it the longer timeout. */
        public Call slow() {
            timeout = config.slowAnswerTimeout();
            return this;
        }

        /** Acts for the caller: a non-admin key's owner scopes what the service shows and changes. */
        public Call scopedTo(KeyCaller caller) {
            owner = caller.admin() ? null : caller.owner();
            return this;
        }

        public Uni<Response> get(String path) {
            return forward(this, HttpMethod.GET, path, null);
        }

        public Uni<Response> post(String path, byte[] body) {
            return forward(this, HttpMethod.POST, path, body);
        }

        public Uni<Response> patch(String path, byte[] body) {
            return forward(this, HttpMethod.PATCH, path, body);
        }

        public Uni<Response> delete(String path) {
            return forward(this, HttpMethod.DELETE, path, null);
        }
    }

    private Uni<Response> forward(Call call, HttpMethod method, String path, byte[] body) {
        Backend backend = call.backend;
        String query = request.query();
        String target = baseOf(backend) + path + (query == null || query.isEmpty() ? "" : "?" + query);
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        boolean idempotent = method == HttpMethod.GET;
        long timeoutMillis = call.timeout.toMillis();
        return guards.get(backend).get(() -> {
            HttpRequest<Buffer> outgoing = client.requestAbs(method, target)
                    .connectTimeout(config.connectTimeout().toMillis())
                    .idleTimeout(timeoutMillis);
            serviceKey.ifPresent(key -> outgoing.putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + key));
            if (call.owner != null) {
                outgoing.putHeader(OWNER_HEADER, call.owner);
            }
            if (accept != null) {
                outgoing.putHeader(HttpHeaders.ACCEPT, accept);
            }
            Uni<HttpResponse<Buffer>> sent;
            if (body == null || body.length == 0) {
                sent = outgoing.send();
            } else {
                if (contentType != null) {
                    outgoing.putHeader(HttpHeaders.CONTENT_TYPE, contentType);
                }
                sent = outgoing.sendBuffer(Buffer.buffer(body));
            }
            return sent.ifNoItem().after(call.timeout).failWith(TimeoutException::new)
                    .onFailure().transform(failure -> classify(backend, method, failure, idempotent));
        })
                .map(answer -> relay(backend, answer))
                .onFailure().recoverWithItem(failure -> unavailable(backend, failure, call.timeout));
    }

    private TypedGuard<Uni<HttpResponse<Buffer>>> guardOf(Backend backend) {
        BackendConfig.CircuitBreaker breaker = config.circuitBreaker();
        return TypedGuard.create(new TypeLiteral<Uni<HttpResponse<Buffer>>>() {
        })
                .withRetry().maxRetries(config.getRetries())
                .delay(config.retryDelay().toMillis(), ChronoUnit.MILLIS)
                .whenException(failure -> failure instanceof BackendFailure f && f.retryable())
                .done()
                .withCircuitBreaker().name("backend-" + backend.serviceName())
                .requestVolumeThreshold(breaker.requestVolume())
                .failureRatio(breaker.failureRatio())
                .delay(breaker.delay().toMillis(), ChronoUnit.MILLIS)
                .failOn(BackendFailure.class)
                .done()
                .build();
    }

    private static BackendFailure classify(Backend backend, HttpMethod method, Throwable failure, boolean idempotent) {
        if (failure instanceof BackendFailure known) {
            return known;
        }
        boolean timedOut = failure instanceof TimeoutException
                || failure instanceof io.smallrye.mutiny.TimeoutException
                || failure.getClass().getSimpleName().contains("Timeout");
        boolean connectTimedOut = failure.getClass().getName().equals("io.netty.channel.ConnectTimeoutException");
        BackendFailure.Kind kind = timedOut && !connectTimedOut ? BackendFailure.Kind.TIMEOUT
                : BackendFailure.Kind.UNREACHABLE;
        // A GET may be tried again when it never got an answer; a closed connection or a timeout on anything else
        // may have acted already.
        boolean retryable = idempotent && kind == BackendFailure.Kind.UNREACHABLE
                && (failure instanceof ConnectException || connectTimedOut || failure instanceof HttpClosedException);
        LOG.debugf("%s %s on %s failed: %s", method, kind, backend.serviceName(), failure.toString());
        return new BackendFailure(kind, retryable, backend.serviceName() + ": " + failure, failure);
    }

    private Response relay(Backend backend, HttpResponse<Buffer> answer) {
        if (answer.statusCode() == 401) {
            // The service refused the gateway's own key: not the client's fault, and not a key it could fix.
            LOG.errorf("%s refused the gateway's service key; newswatch.service-key must match on both",
                    backend.serviceName());
            return Problem.of(502, "backend-refused-gateway", backend.serviceName() + " refused the gateway's"
                    + " credentials; the operators must check the service key").with("service", backend.serviceName())
                    .toResponse();
        }
        Response.ResponseBuilder relayed = Response.status(answer.statusCode());
        Buffer body = answer.body();
        if (body != null && body.length() > 0) {
            relayed.entity(body.getBytes());
        }
        String contentType = answer.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null) {
            relayed.header(HttpHeaders.CONTENT_TYPE, contentType);
        }
        for (String header : RELAYED_HEADERS) {
            String value = answer.getHeader(header);
            if (value != null) {
                relayed.header(header, header.equals(HttpHeaders.LOCATION) ? gatewayLocation(backend, value) : value);
            }
        }
        return relayed.build();
    }

    /** The service names its own URL in Location; the client reaches the same path through the gateway. */
    private String gatewayLocation(Backend backend, String location) {
        String base = baseOf(backend);
        return location.startsWith(base) ? location.substring(base.length()) : location;
    }

    private Response unavailable(Backend backend, Throwable failure, Duration timeout) {
        String service = backend.serviceName();
        if (failure instanceof CircuitBreakerOpenException) {
            long seconds = Math.max(1, config.circuitBreaker().delay().toSeconds());
            return withRetryAfter(Problem.of(503, "backend-unavailable", service + " failed repeatedly; the gateway"
                    + " stops calling it for " + seconds + " s").with("service", service), seconds);
        }
        if (failure instanceof BackendFailure known) {
            // One line per failed call; an open circuit then answers without calling (and without logging).
            LOG.warnf("%s: %s", service, known.getCause() == null ? known.kind() : known.getCause().toString());
        }
        if (failure instanceof BackendFailure known && known.kind() == BackendFailure.Kind.TIMEOUT) {
            return Problem.of(504, "backend-timeout", service + " did not answer within " + timeout.toSeconds()
                    + " s; a change may still have been made: look before you send it again")
                    .with("service", service).toResponse();
        }
        if (failure instanceof BackendFailure) {
            return withRetryAfter(Problem.of(503, "backend-unavailable", service + " cannot be reached right now;"
                    + " try again shortly").with("service", service), UNREACHABLE_RETRY_AFTER_SECONDS);
        }
        LOG.errorf(failure, "forwarding to %s failed unexpectedly", service);
        return withRetryAfter(Problem.of(503, "backend-unavailable", service + " could not be asked; try again"
                + " shortly").with("service", service), UNREACHABLE_RETRY_AFTER_SECONDS);
    }

    private static Response withRetryAfter(Problem problem, long seconds) {
        return Response.fromResponse(problem.toResponse()).header(HttpHeaders.RETRY_AFTER, seconds).build();
    }

    private String baseOf(Backend backend) {
        URI base = switch (backend) {
            case COLLECTOR -> config.collector();
            case ALERT -> config.alert();
            case CLASSIFIER -> config.classifier();
        };
        String text = base.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
