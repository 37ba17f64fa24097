package org.newswatch.gateway.key;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;

/**
 * Charges every request made with a key to that key's rate limit. Anonymous requests pass: they reach only the
 * public endpoints, and the security check refuses them everywhere else.
 */
public class KeyRateLimitFilter {

    private final CurrentIdentityAssociation identities;
    private final KeyRateLimits limits;

    public KeyRateLimitFilter(CurrentIdentityAssociation identities, KeyRateLimits limits) {
        this.identities = identities;
        this.limits = limits;
    }

    @ServerRequestFilter
    public Uni<Response> charge() {
        return identities.getDeferredIdentity()
                // A bad key is the security check's to refuse (401) where a key is needed; public endpoints ignore it.
                .onFailure(AuthenticationFailedException.class).recoverWithNull()
                .map(identity -> {
                    KeyCaller.of(identity).ifPresent(limits::acquire);
                    return null;
                });
    }
}
