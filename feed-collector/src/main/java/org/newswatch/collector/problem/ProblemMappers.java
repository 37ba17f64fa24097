package org.newswatch.collector.problem;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** Every error the API answers is problem+json, whatever raised it. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.problem());
    }

    /** Unreadable JSON bodies: syntax errors. */
    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        return malformed(e);
    }

    /** Unreadable JSON bodies: a value of the wrong type (Quarkus has its own mapper for these; this one wins). */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return malformed(e);
    }

    private static Response malformed(JsonProcessingException e) {
        return respond(Problem.of("malformed-body", "Invalid request", 400,
                "the request body is not valid JSON for this endpoint: " + e.getOriginalMessage()));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformed(json);
        }
        var reason = Response.Status.fromStatusCode(status);
        String title = reason != null ? reason.getReasonPhrase() : "HTTP " + status;
        return respond(Problem.of(title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'), title, status,
                e.getMessage()));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 100)
    public Response unexpected(RuntimeException e) {
        LOG.error("request failed unexpectedly", e);
        return respond(Problem.of("internal-error", "Internal error", 500,
                "the collector could not complete the request; the error is in its log"));
    }

    public static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
