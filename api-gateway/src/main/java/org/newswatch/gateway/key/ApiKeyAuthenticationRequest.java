package org.newswatch.gateway.key;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A Bearer API key taken from a request, for {@link ApiKeyIdentityProvider} to check. */
public class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final String key;

    public ApiKeyAuthenticationRequest(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
