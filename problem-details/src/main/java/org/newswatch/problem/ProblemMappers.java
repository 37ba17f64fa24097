package org.newswatch.problem;

import java.util.List;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** Every error a service answers is problem+json, whatever raised it. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.problem().toResponse();
    }

    /** Bodies that are not JSON, or JSON of the wrong shape for the endpoint. */
    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        return malformed(e).toResponse();
    }

    /** Wrong JSON types ({@code "topics": 3}); Quarkus has a mapper of its own for these that is not problem+json. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return malformed(e).toResponse();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        // Quarkus REST reports an unreadable body as a 400 whose cause is Jackson's exception: say what it was.
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return malformed(json).toResponse();
            }
        }
        Response original = e.getResponse();
        int status = original.getStatus();
        String detail = switch (status) {
            case 404 -> "there is nothing at this path";
            case 405 -> "this path does not take that method; it takes "
                    + String.join(", ", new java.util.TreeSet<>(original.getAllowedMethods()));
            case 406 -> "this endpoint answers only in the media types its documentation lists";
            case 415 -> "send the body as application/json";
            default -> e.getMessage();
        };
        Response.ResponseBuilder answer = Response.fromResponse(Problem.of(status, detail).toResponse());
        // Headers a client needs to recover keep their values.
        for (String header : List.of(HttpHeaders.ALLOW, HttpHeaders.RETRY_AFTER, HttpHeaders.WWW_AUTHENTICATE)) {
            Object value = original.getHeaders().getFirst(header);
            if (value != null) {
                answer.header(header, value);
            }
        }
        return answer.build();
    }

    /**
     * Anything else is our fault, unless the database is away: a 503 the client may retry. The detail stays generic
     * since internal messages may name tables or values.
     */
    @ServerExceptionMapper(priority = Priorities.USER + 100)
    public Response unexpected(RuntimeException e) {
        if (DatabaseUnavailable.isCause(e)) {
            LOG.warnf("request failed, the database is unavailable: %s", e.getMessage());
            return Response.fromResponse(DatabaseUnavailable.problem().toResponse())
                    .header(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS).build();
        }
        LOG.error("request failed unexpectedly", e);
        return Problem.of(500, "internal-error", "the request could not be completed; the service log has the cause")
                .toResponse();
    }

    static Problem malformed(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = pathOf(mapping);
            String message = e instanceof UnrecognizedPropertyException unknown ? knownFields(unknown)
                    : e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                            ? "expected " + typeName(mismatch.getTargetType())
                            : e.getOriginalMessage();
            return Problem.invalid(List.of(new Problem.FieldError(field, message)));
        }
        var location = e.getLocation();
        return Problem.of(400, "malformed-body", "the body is not valid JSON: " + e.getOriginalMessage()
                + (location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")"));
    }

    /** {@code channel.url} or {@code topics[1]}: the path clients see in their own JSON. */
    static String pathOf(JsonMappingException e) {
        var path = new StringBuilder();
        for (JsonMappingException.Reference step : e.getPath()) {
            if (step.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(body)" : path.toString();
    }

    private static String knownFields(UnrecognizedPropertyException e) {
        if (e.getKnownPropertyIds() == null || e.getKnownPropertyIds().isEmpty()) {
            return "unknown field";
        }
        return "unknown field; known fields: " + String.join(", ",
                new java.util.TreeSet<>(e.getKnownPropertyIds().stream().map(String::valueOf).toList()));
    }

    private static String typeName(Class<?> type) {
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Iterable.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
