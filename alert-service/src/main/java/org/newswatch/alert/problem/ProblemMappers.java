package org.newswatch.alert.problem;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** Every error of the API answers as an RFC 9457 problem. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.problem().toResponse();
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        var location = e.getLocation();
        return Problem.of(Response.Status.BAD_REQUEST, "the body is not valid JSON: " + message
                + (location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")"))
                .toResponse();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return Problem.of(Response.Status.NOT_FOUND, "no such resource").toResponse();
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return Problem.of(Response.Status.METHOD_NOT_ALLOWED, "method not allowed here; allowed: "
                + e.getResponse().getAllowedMethods()).toResponse();
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e) {
        return Problem.of(Response.Status.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json").toResponse();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        // A body that does not parse arrives wrapped in a BadRequestException.
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return malformedJson(json);
            }
        }
        Response.Status status = Response.Status.fromStatusCode(e.getResponse().getStatus());
        return new Problem("about:blank", status == null ? "Error" : status.getReasonPhrase(),
                e.getResponse().getStatus(), e.getMessage(), java.util.List.of()).toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        // The detail stays generic: internal messages may name tables or values.
        LOG.error("request failed", e);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "the request failed; the service log has the cause")
                .toResponse();
    }
}
