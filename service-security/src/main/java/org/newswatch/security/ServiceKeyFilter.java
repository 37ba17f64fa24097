package org.newswatch.security;

import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.newswatch.problem.Problem;

/** Refuses calls to {@link ServiceKeyRequired} endpoints without the service key, as RFC 9457 problems. */
@Provider
@ServiceKeyRequired
@Priority(Priorities.AUTHENTICATION)
public class ServiceKeyFilter implements ContainerRequestFilter {

    private final ServiceKeyCheck check;

    public ServiceKeyFilter(@ConfigProperty(name = "newswatch.service-key") Optional<String> serviceKey) {
        this.check = new ServiceKeyCheck(serviceKey);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        check.refusalOf(request.getHeaderString(HttpHeaders.AUTHORIZATION))
                .ifPresent(refusal -> request.abortWith(unauthorized(refusal)));
    }

    private static Response unauthorized(ServiceKeyCheck.Refusal refusal) {
        return Response.fromResponse(Problem.of(401, refusal.detail()).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"newswatch\"")
                .build();
    }
}
