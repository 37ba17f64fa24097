package org.newswatch.gateway.backend;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.newswatch.problem.Problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Answers a body announced larger than {@code quarkus.http.limits.max-body-size} with a 413 problem before reading
 * it. Quarkus refuses such bodies too, but with an empty answer; this runs just before its check (order -2). A body
 * without Content-Length (chunked) is still cut off by Quarkus at the same size.
 */
@ApplicationScoped
public class BodySizeLimit {

    private final long maxBytes;
    private final byte[] problem;

    public BodySizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
            ObjectMapper json) throws JsonProcessingException {
        this.maxBytes = maxBodySize.asLongValue();
        this.problem = json.writeValueAsBytes(Problem.of(413, "body-too-large", "the body is larger than the "
                + maxBytes + " bytes this API accepts").with("maxBytes", maxBytes));
    }

    void install(@Observes Router router) {
        router.route().order(-3).handler(this::check);
    }

    private void check(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && tooLarge(length)) {
            context.response().setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    // The body is not read: the connection cannot be reused.
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(io.vertx.core.buffer.Buffer.buffer(problem));
            return;
        }
        context.next();
    }

    private boolean tooLarge(String length) {
        try {
            return Long.parseLong(length.strip()) > maxBytes;
        } catch (NumberFormatException e) {
            return false; // Vert.x refuses a malformed Content-Length itself
        }
    }
}
