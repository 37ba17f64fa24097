package org.newswatch.gateway.backend;

import java.util.UUID;
import java.util.function.Function;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.newswatch.gateway.key.KeyCaller;
import org.newswatch.gateway.key.KeyResource;
import org.newswatch.gateway.key.KeyRole;
import org.newswatch.problem.Problem;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /api/v1/subscriptions}: subscriptions and their delivery logs, served by the alert-service. A subscriber
 * key reaches the subscriptions of its owner only (others' answer 404); an admin key reaches all of them.
 */
@Path("/api/v1/subscriptions")
@RolesAllowed(KeyRole.SUBSCRIBER_NAME)
@Tag(name = "subscriptions", description = "Alerts by webhook or e-mail, and their delivery logs (subscriber, admin)")
@SecurityRequirement(name = KeyResource.SECURITY_SCHEME)
@APIResponse(responseCode = "403", description = "A reader key: subscriptions need a subscriber or admin key",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "503", description = "The alert-service cannot be reached (backend-unavailable); see Retry-After",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "504", description = "The alert-service did not answer in time (backend-timeout)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class SubscriptionResource {

    static final String BASE = "/api/v1/subscriptions";
    private static final String SUBSCRIPTION_EXAMPLE = "{\"id\": \"7d1e0c52-4b8e-4f0e-8a7c-1f9b2d3c4e5f\","
            + " \"owner\": \"ngo-42\", \"name\": \"ICC sanctions\", \"topics\": [\"icc-sanctions\"], \"keywords\": [],"
            + " \"minScore\": 0.5, \"languages\": [], \"channel\": {\"type\": \"webhook\","
            + " \"url\": \"https://hooks.example.org/newswatch\"}, \"mode\": \"immediate\", \"status\": \"active\","
            + " \"createdAt\": \"2026-11-23T19:00:00Z\", \"updatedAt\": \"2026-11-23T19:00:00Z\"}";
    private static final String CREATE_EXAMPLE = "{\"name\": \"ICC sanctions\", \"topics\": [\"icc-sanctions\"],"
            + " \"minScore\": 0.5, \"keywords\": [], \"languages\": [], \"channel\": {\"type\": \"webhook\","
            + " \"url\": \"https://hooks.example.org/newswatch\"}, \"mode\": \"immediate\"}";
    private static final String PROBLEM_404 = "No such subscription, or not the key owner's";

    private final BackendForwarder forwarder;
    private final CurrentIdentityAssociation identities;

    public SubscriptionResource(BackendForwarder forwarder, CurrentIdentityAssociation identities) {
        this.forwarder = forwarder;
        this.identities = identities;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a subscription", description = "Topics, optional keywords, minimum score, languages,"
            + " a channel (webhook URL or e-mail address) and a mode (immediate or digest). A webhook's signing"
            + " secret (whsec_...) is in this answer only. An e-mail channel starts unconfirmed: a confirmation mail"
            + " goes out first. A subscriber's subscription belongs to its key's owner; an admin may name an owner,"
            + " else it is the admin key's own.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT, description = "topics and channel required; name, minScore,"
                    + " keywords, languages, mode, digest optional; owner for admins"),
            examples = @ExampleObject(name = "webhook", value = CREATE_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "The subscription, with its id (and a webhook's secret, once)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "created",
                    value = "{\"id\": \"7d1e0c52-4b8e-4f0e-8a7c-1f9b2d3c4e5f\", \"owner\": \"ngo-42\","
                            + " \"topics\": [\"icc-sanctions\"], \"channel\": {\"type\": \"webhook\","
                            + " \"url\": \"https://hooks.example.org/newswatch\"}, \"status\": \"active\","
                            + " \"secret\": \"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"}")))
    @APIResponse(responseCode = "400", description = "A field is missing or not acceptable; errors names each",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(byte[] body) {
        return asCaller(caller -> forwarder.to(Backend.ALERT).scopedTo(caller)
                .post(BASE, SubscriptionOwner.fillIn(body, caller)));
    }

    @GET
    @Operation(summary = "List subscriptions", description = "Newest first, a page at a time: {\"items\": [...],"
            + " \"nextCursor\": \"...\"}; nextCursor is absent on the last page.")
    @Parameter(name = "cursor", in = ParameterIn.QUERY, description = "nextCursor of the previous page")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "page size")
    @APIResponse(responseCode = "200", description = "A page of subscriptions",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "page",
                    value = "{\"items\": [" + SUBSCRIPTION_EXAMPLE + "]}")))
    @APIResponse(responseCode = "400", description = "A bad limit or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> list() {
        return asCaller(caller -> forwarder.to(Backend.ALERT).scopedTo(caller).get(BASE));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One subscription", description = "Its filter, channel, mode and status (active, paused,"
            + " disabled). The signing secret is never shown again.")
    @APIResponse(responseCode = "200", description = "The subscription",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "subscription",
                    value = SUBSCRIPTION_EXAMPLE)))
    @APIResponse(responseCode = "404", description = PROBLEM_404,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> get(@PathParam("id") UUID id) {
        return asCaller(caller -> forwarder.to(Backend.ALERT).scopedTo(caller).get(BASE + "/" + id));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a subscription", description = "Given fields replace stored ones; null restores a"
            + " default. The owner cannot change.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT), examples = @ExampleObject(name = "raise the bar",
                    value = "{\"minScore\": 0.8, \"keywords\": [\"Hague\"]}")))
    @APIResponse(responseCode = "200", description = "The changed subscription",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "subscription",
                    value = SUBSCRIPTION_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "A field is not acceptable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = PROBLEM_404,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> update(@PathParam("id") UUID id, byte[] body) {
        return asCaller(caller -> forwarder.to(Backend.ALERT).scopedTo(caller).patch(BASE + "/" + id, body));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a subscription", description = "Nothing more is delivered for it.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = PROBLEM_404,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return asCaller(caller -> forwarder.to(Backend.ALERT).scopedTo(caller).delete(BASE + "/" + id));
    }

    @POST
    @Path("{id}/pause")
    @Operation(summary = "Pause a subscription", description = "Nothing is delivered until it is resumed.")
    @APIResponse(responseCode = "200", description = "The paused subscription",
            content = @Content(mediaType = MediaType.APPLICATION_JSON))
    @APIResponse(responseCode = "404", description = PROBLEM_404,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> pause(@PathParam("id") UUID id) {
        return asCaller(caller -> forwarder.to(Backend.ALERT).scopedTo(caller).post(BASE + "/" + id + "/pause", null));
    }

    @POST
    @Path("{id}/resume")
    @Operation(summary = "Resume a subscription", description = "Makes a paused or disabled subscription active again.")
    @APIResponse(responseCode = "200", description = "The active subscription",
            content = @Content(mediaType = MediaType.APPLICATION_JSON))
    @APIResponse(responseCode = "404", description = PROBLEM_404,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> resume(@PathParam("id") UUID id) {
        return asCaller(caller -> forwarder.to(Backend.ALERT).scopedTo(caller).post(BASE + "/" + id + "/resume", null));
    }

    @POST
    @Path("{id}/secret/rotate")
    @Operation(summary = "Rotate a webhook's signing secret", description = "Answers the new secret (shown only here);"
            + " the previous one keeps signing until previousSecretExpiresAt.")
    @APIResponse(responseCode = "200", description = "The new secret",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "rotated",
                    value = "{\"secret\": \"whsec_N2Q5YjY3ZDQtYjFkOC00ZjA4LWE5ZTMt\","
                            + " \"previousSecretExpiresAt\": \"2026-11-24T19:00:00Z\"}")))
    @APIResponse(responseCode = "404", description = PROBLEM_404,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> rotateSecret(@PathParam("id") UUID id) {
        return asCaller(caller -> forwarder.to(Backend.ALERT).scopedTo(caller)
                .post(BASE + "/" + id + "/secret/rotate", null));
    }

    @POST
    @Path("preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Preview a subscription before creating it", description = "Which stored stories of the"
            + " last days a subscription body (not stored) would have matched.")
    @Parameter(name = "days", in = ParameterIn.QUERY, description = "how many days back (also accepted in the body)")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "at most this many stories (1 to 200, default 50)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT), examples = @ExampleObject(name = "draft",
                    value = "{\"topics\": [\"icc-sanctions\"], \"minScore\": 0.5, \"days\": 7}")))
    @APIResponse(responseCode = "200", description = "The stories it would have matched",
            content = @Content(mediaType = MediaType.APPLICATION_JSON))
    @APIResponse(responseCode = "400", description = "A field is not acceptable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> previewDraft(byte[] body) {
        return asCaller(caller -> forwarder.to(Backend.ALERT).scopedTo(caller).post(BASE + "/preview", body));
    }

    @POST
    @Path("{id}/preview")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Preview a stored subscription", description = "Which stored stories of the last days this"
            + " subscription would have matched. An optional body {\"days\": n}.")
    @Parameter(name = "days", in = ParameterIn.QUERY, description = "how many days back")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "at most this many stories (1 to 200, default 50)")
    @APIResponse(responseCode = "200", description = "The stories it would have matched",
            content = @Content(mediaType = MediaType.APPLICATION_JSON))
    @APIResponse(responseCode = "404", description = PROBLEM_404,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> previewStored(@PathParam("id") UUID id, byte[] body) {
        return asCaller(caller -> forwarder.to(Backend.ALERT).scopedTo(caller).post(BASE + "/" + id + "/preview", body));
    }

    @GET
    @Path("{id}/deliveries")
    @Operation(summary = "The delivery log of a subscription", description = "Newest first, each delivery with every"
            + " attempt (status, HTTP status or SMTP answer, next attempt), a page at a time.")
    @Parameter(name = "cursor", in = ParameterIn.QUERY, description = "nextCursor of the previous page")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "page size")
    @APIResponse(responseCode = "200", description = "A page of deliveries: {\"items\": [...], \"nextCursor\": ...}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON))
    @APIResponse(responseCode = "400", description = "A bad limit or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = PROBLEM_404,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> deliveries(@PathParam("id") UUID id) {
        return asCaller(caller -> forwarder.to(Backend.ALERT).scopedTo(caller).get(BASE + "/" + id + "/deliveries"));
    }

    @POST
    @Path("{id}/deliveries/{deliveryId}/redeliver")
    @Operation(summary = "Send one delivery again", description = "Now, with a fresh retry schedule.")
    @APIResponse(responseCode = "202", description = "The delivery, due now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON))
    @APIResponse(responseCode = "404", description = "No such subscription or delivery",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The subscription is not active, or an attempt is under way",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> redeliver(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId) {
        return asCaller(caller -> forwarder.to(Backend.ALERT).scopedTo(caller)
                .post(BASE + "/" + id + "/deliveries/" + deliveryId + "/redeliver", null));
    }

    @POST
    @Path("{id}/redeliver")
    @Operation(summary = "Send again everything matched since a time", description = "Every delivery of the"
            + " subscription matched at or after since is sent again now.")
    @Parameter(name = "since", in = ParameterIn.QUERY, required = true,
            description = "ISO-8601 time with offset, e.g. 2026-11-20T08:00:00Z")
    @APIResponse(responseCode = "202", description = "How many deliveries were queued again",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "queued",
                    value = "{\"since\": \"2026-11-20T08:00:00Z\", \"redelivered\": 12}")))
    @APIResponse(responseCode = "400", description = "since is missing or not a time",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = PROBLEM_404,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The subscription is not active",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> redeliverSince(@PathParam("id") UUID id) {
        return asCaller(caller -> forwarder.to(Backend.ALERT).scopedTo(caller).post(BASE + "/" + id + "/redeliver", null));
    }

    /** The key behind the request; {@code @RolesAllowed} has authenticated it already. */
    private Uni<Response> asCaller(Function<KeyCaller, Uni<Response>> call) {
        return identities.getDeferredIdentity()
                .map(identity -> KeyCaller.of(identity).orElseThrow(() -> new IllegalStateException("no key caller")))
                .flatMap(caller -> call.apply(caller));
    }
}
