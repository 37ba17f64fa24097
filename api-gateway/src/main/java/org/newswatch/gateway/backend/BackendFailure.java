package org.newswatch.gateway.backend;

/**
 * A call to a service that got no answer: no connection, or no answer in time. Counted by the service's circuit
 * breaker; retried only when {@code retryable} (a GET that never reached the service).
 */
class BackendFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    enum Kind {
        UNREACHABLE,
        TIMEOUT
    }

    private final Kind kind;
    private final boolean retryable;

    BackendFailure(Kind kind, boolean retryable, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryable = retryable;
    }

    Kind kind() {
        return kind;
    }

    boolean retryable() {
        return retryable;
    }
}
