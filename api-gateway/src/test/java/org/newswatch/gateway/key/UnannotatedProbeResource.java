package org.newswatch.gateway.key;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Test-only endpoint without any security annotation: proves that such an endpoint still needs a reader key
 * ({@code quarkus.security.jaxrs.default-roles-allowed}), whoever adds it later.
 */
@Path("/api/v1/test-probe/unannotated")
public class UnannotatedProbeResource {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String probe() {
        return "reached";
    }
}
