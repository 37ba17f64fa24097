package org.newswatch.gateway.backend;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The pages behind the links in alert mails, served by the alert-service. They need no key: the signed,
 * single-purpose token in the link is the authorisation.
 */
@Path("/api/v1")
@PermitAll
@Tag(name = "mail links", description = "Confirming an e-mail address and unsubscribing, from the links in mails")
@APIResponse(responseCode = "400", description = "The link's token is not valid (an HTML page says why)",
        content = @Content(mediaType = MediaType.TEXT_HTML))
@APIResponse(responseCode = "404", description = "Nothing left to confirm or unsubscribe from (HTML page)",
        content = @Content(mediaType = MediaType.TEXT_HTML))
@APIResponse(responseCode = "503", description = "The alert-service cannot be reached (problem+json); see Retry-After")
public class MailLinkResource {

    private static final String TOKEN = "the signed token from the mail's link";

    private final BackendForwarder forwarder;

    public MailLinkResource(BackendForwarder forwarder) {
        this.forwarder = forwarder;
    }

    @GET
    @Path("confirm")
    @Operation(summary = "Confirm an e-mail address", description = "The link in a confirmation mail. Alerts to the"
            + " address start once it is followed.")
    @Parameter(name = "token", in = ParameterIn.QUERY, required = true, description = TOKEN)
    @APIResponse(responseCode = "200", description = "An HTML page saying the address is confirmed",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    public Uni<Response> confirm() {
        return forwarder.to(Backend.ALERT).get("/api/v1/confirm");
    }

    @GET
    @Path("unsubscribe")
    @Operation(summary = "Ask before unsubscribing", description = "An HTML page with a button that unsubscribes"
            + " (by POST: link scanners follow GETs, so a GET changes nothing).")
    @Parameter(name = "token", in = ParameterIn.QUERY, required = true, description = TOKEN)
    @APIResponse(responseCode = "200", description = "The HTML page", content = @Content(mediaType = MediaType.TEXT_HTML))
    public Uni<Response> unsubscribePage() {
        return forwarder.to(Backend.ALERT).get("/api/v1/unsubscribe");
    }

    @POST
    @Path("unsubscribe")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Unsubscribe", description = "The page's button, and RFC 8058 one-click unsubscribe from mail"
            + " clients (List-Unsubscribe=One-Click).")
    @Parameter(name = "token", in = ParameterIn.QUERY, required = true, description = TOKEN)
    @APIResponse(responseCode = "200", description = "An HTML page saying nothing more will be sent",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    public Uni<Response> unsubscribe(byte[] body) {
        return forwarder.to(Backend.ALERT).post("/api/v1/unsubscribe", body);
    }
}
