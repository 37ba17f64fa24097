package org.newswatch.gateway.key;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns a Bearer key into an identity: principal = the key's id, roles = its role and those below it, and the
 * stored key (owner, rate) as the {@link KeyCaller#ATTRIBUTE} attribute. Keys are looked up on every request
 * (one indexed read), so a revoked key is refused at once.
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    private final ApiKeyRepository keys;

    public ApiKeyIdentityProvider(ApiKeyRepository keys) {
        this.keys = keys;
    }

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
        String hash = ApiKeySecret.hash(request.key());
        return context.runBlocking(() -> keys.findActiveByHash(hash)
                .map(ApiKeyIdentityProvider::identityOf)
                .orElseThrow(() -> new AuthenticationFailedException("the API key is not valid or has been revoked")));
    }

    static SecurityIdentity identityOf(ApiKey key) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(key.id().toString()))
                .addRoles(key.role().grants())
                .addAttribute(KeyCaller.ATTRIBUTE, new KeyCaller(key.id(), key.role(), key.owner(),
                        key.requestsPerMinute()))
                .addAttribute(KeyCaller.OWNER_ATTRIBUTE, key.owner())
                .build();
    }
}
