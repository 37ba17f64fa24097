package org.newswatch.gateway.key;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.newswatch.problem.Problem;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.faulttolerance.api.RateLimitException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * 401, 403 and 429 as problem+json, replacing Quarkus' own answers (an empty 401/403). A 401 always carries
 * {@code WWW-Authenticate: Bearer} so that clients know what to send; the detail never repeats the key.
 */
public class AccessProblemMappers {

    private final CurrentIdentityAssociation identity;

    public AccessProblemMappers(CurrentIdentityAssociation identity) {
        this.identity = identity;
    }

    /** No credentials on an endpoint that needs them. */
    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return unauthenticated("missing-key", "this endpoint needs an API key: send Authorization: Bearer <API key>");
    }

    /** Credentials that are not a valid, unrevoked key. */
    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        String reason = e.getMessage() == null || e.getMessage().isBlank() ? "the API key is not valid" : e.getMessage();
        return unauthenticated("invalid-key", reason);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        String role = KeyCaller.of(identity.getIdentity()).map(caller -> caller.role().value()).orElse("this");
        return Problem.of(403, "forbidden-role", "a " + role + " key may not do this: feeds and keys need an admin"
                + " key, subscriptions a subscriber or admin key, reading a reader key or any other").toResponse();
    }

    @ServerExceptionMapper
    public Response rateLimited(RateLimitException e) {
        long seconds = Math.max(1, (e.getRetryAfterMillis() + 999) / 1000);
        return Response.fromResponse(Problem.of(429, "rate-limited", "this key has made more requests than its"
                + " limit allows; try again in " + seconds + " s").with("retryAfterSeconds", seconds).toResponse())
                .header(HttpHeaders.RETRY_AFTER, seconds).build();
    }

    /** The key store could not answer: the caller may retry, nothing was decided about its key. */
    @ServerExceptionMapper
    public Response keyStoreDown(KeyStoreException e) {
        return Response.fromResponse(Problem.of(503, "key-store-unavailable", "API keys cannot be checked right now;"
                + " try again shortly").toResponse()).header(HttpHeaders.RETRY_AFTER, 5).build();
    }

    private static Response unauthenticated(String slug, String detail) {
        return Response.fromResponse(Problem.of(401, slug, detail).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, ApiKeyAuthenticationMechanism.CHALLENGE).build();
    }
}
