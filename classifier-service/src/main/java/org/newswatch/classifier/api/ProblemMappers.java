package org.newswatch.classifier.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/** Turns request errors into problem+json, saying what is wrong with the request. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e) {
        String detail = e instanceof UnrecognizedPropertyException unknown
                ? "unknown field '" + unknown.getPropertyName() + "'; expected title, summary, content, lang"
                : "the body is not a valid JSON request: " + e.getOriginalMessage();
        return Problem.response(Response.Status.BAD_REQUEST, detail);
    }

    /** Wrong JSON types ({@code "summary": [1]}); Quarkus has a built-in mapper for these that is not problem+json. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return badJson(e);
    }

    @ServerExceptionMapper
    public Response invalidRequest(InvalidRequestException e) {
        return Problem.response(Response.Status.BAD_REQUEST, e.getMessage());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        // Quarkus REST reports an unreadable body as a 400 whose cause is Jackson's exception: say what it was.
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return badJson(json);
            }
        }
        Response.Status status = Response.Status.fromStatusCode(e.getResponse().getStatus());
        if (status == null) {
            status = Response.Status.INTERNAL_SERVER_ERROR;
        }
        return Problem.response(status, e.getMessage());
    }
}
