package org.newswatch.alert.problem;

import java.util.List;

import jakarta.ws.rs.core.Response;

/** Ends a request with a problem answer. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of(Response.Status.NOT_FOUND, detail));
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(Problem.of(Response.Status.BAD_REQUEST, detail));
    }

    public static ProblemException invalid(String title, List<Problem.FieldError> errors) {
        return new ProblemException(Problem.invalid(title, errors));
    }

    public Problem problem() {
        return problem;
    }
}
