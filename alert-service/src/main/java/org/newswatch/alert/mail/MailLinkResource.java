package org.newswatch.alert.mail;

import org.newswatch.alert.mail.MailLinkService.Result;
import org.newswatch.alert.mail.SignedLinkTokens.InvalidTokenException;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The pages behind the links in alert mails, for people in a browser and for mail clients. They carry no
 * service key: the signed, single-purpose token in the link is the authorisation, and the gateway forwards
 * these two paths as they are.
 *
 * <p>Unsubscribing happens on POST only (RFC 8058): link scanners and previews follow GETs, so a GET shows a
 * page with a button that POSTs; mail clients POST {@code List-Unsubscribe=One-Click} directly.
 */
@Path("/api/v1")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class MailLinkResource {

    private final MailLinkService links;
    private final Template page;

    public MailLinkResource(MailLinkService links, @Location("pages/mail-link.html") Template page) {
        this.links = links;
        this.page = page;
    }

    /** Confirming is what the person asked for when they subscribed, so a GET may do it. */
    @GET
    @Path("/confirm")
    public Response confirm(@QueryParam("token") String token) {
        try {
            Result result = links.confirm(token);
            return page(result.kind() == Result.Kind.GONE ? 404 : 200,
                    result.kind() == Result.Kind.GONE ? "Nothing to confirm" : "Address confirmed", result.detail(), null);
        } catch (InvalidTokenException e) {
            return refused("This confirmation link does not work", e);
        }
    }

    @GET
    @Path("/unsubscribe")
    public Response unsubscribePage(@QueryParam("token") String token) {
        try {
            var recipient = links.recipientOf(token);
            if (recipient.isEmpty()) {
                return page(404, "Nothing to unsubscribe from", "These alerts no longer exist: nothing more will be"
                        + " sent.", null);
            }
            String subscriptions = String.join(", ", recipient.get().subscriptions().stream()
                    .map(name -> "“" + name + "”").toList());
            return page(200, "Unsubscribe?", "Stop the newswatch alerts to " + recipient.get().address()
                    + (subscriptions.isEmpty() ? "" : " (" + subscriptions + ")") + "?",
                    "/api/v1/unsubscribe?token=" + token);
        } catch (InvalidTokenException e) {
            return refused("This unsubscribe link does not work", e);
        }
    }

    @POST
    @Path("/unsubscribe")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.TEXT_PLAIN, MediaType.WILDCARD})
    public Response unsubscribe(@QueryParam("token") String token) {
        try {
            Result result = links.unsubscribe(token);
            return page(200, result.kind() == Result.Kind.GONE ? "Nothing to unsubscribe from" : "Unsubscribed",
                    result.detail(), null);
        } catch (InvalidTokenException e) {
            return refused("This unsubscribe link does not work", e);
        }
    }

    private Response refused(String title, InvalidTokenException e) {
        return page(400, title, capitalised(e.getMessage()) + ".", null);
    }

    private Response page(int status, String title, String message, String formAction) {
        String html = page.data("title", title).data("message", message).data("formAction", formAction).render();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html).build();
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
