package org.newswatch.alert.subscription;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.newswatch.alert.config.AlertConfig;
import org.newswatch.alert.matching.SubscriptionFilter;
import org.newswatch.alert.preview.StoryPreview;
import org.newswatch.alert.secret.SubscriptionSecrets;
import org.newswatch.problem.Problem;
import org.newswatch.problem.ProblemException;
import org.newswatch.security.ServiceKeyRequired;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /api/v1/subscriptions} on the service port, behind the gateway. Every call needs the service key.
 * The gateway passes the user it acts for in {@code X-Newswatch-Owner}: such a caller creates subscriptions
 * for that owner and sees only theirs (others' answer 404). Without the header the caller is an
 * administrator: it sees every subscription and names the owner when creating one.
 */
@Path("/api/v1/subscriptions")
@ServiceKeyRequired
@Produces(MediaType.APPLICATION_JSON)
public class SubscriptionResource {

    public static final String OWNER_HEADER = "X-Newswatch-Owner";
    static final int DEFAULT_PREVIEW_DAYS = 7;
    static final int DEFAULT_PREVIEW_ITEMS = 50;
    static final int MAX_PREVIEW_ITEMS = 200;

    private final SubscriptionService subscriptions;
    private final StoryPreview preview;
    private final AlertConfig config;

    public SubscriptionResource(SubscriptionService subscriptions, StoryPreview preview, AlertConfig config) {
        this.subscriptions = subscriptions;
        this.preview = preview;
        this.config = config;
    }

    /** A page of subscriptions. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Page(List<SubscriptionView> items, String nextCursor) {
    }

    /** The answer of a secret rotation: the new secret (shown only here) and when the previous one stops. */
    public record RotatedSecret(String secret, Instant previousSecretExpiresAt) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a subscription; a webhook's signing secret is in this answer only")
    public Response create(JsonNode body, @Context HttpHeaders headers) {
        SubscriptionService.Created created = subscriptions.create(object(body), owner(headers));
        Subscription s = created.subscription();
        return Response.created(URI.create("/api/v1/subscriptions/" + s.id()))
                .entity(SubscriptionView.of(s, created.secret() == null ? null : created.secret().value()))
                .build();
    }

    @GET
    @Operation(summary = "List subscriptions, newest first")
    public Page list(@Context HttpHeaders headers, @QueryParam("cursor") String cursor,
            @Parameter(description = "page size") @QueryParam("limit") Integer limit) {
        int size = limit == null ? config.defaultPageSize() : limit;
        if (size < 1 || size > config.maxPageSize()) {
            throw new ProblemException(Problem.of(400,
                    "limit must be from 1 to " + config.maxPageSize() + ", not " + size));
        }
        SubscriptionPage page = subscriptions.list(owner(headers), blankToNull(cursor), size);
        return new Page(page.items().stream().map(SubscriptionView::of).toList(), page.nextCursor());
    }

    @GET
    @Path("{id}")
    public SubscriptionView get(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        return SubscriptionView.of(subscriptions.get(id, owner(headers)));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a subscription: given fields replace stored ones, null restores a default")
    public SubscriptionView update(@PathParam("id") UUID id, JsonNode patch, @Context HttpHeaders headers) {
        return SubscriptionView.of(subscriptions.update(id, owner(headers), object(patch)));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        subscriptions.delete(id, owner(headers));
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/pause")
    public SubscriptionView pause(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        return SubscriptionView.of(subscriptions.pause(id, owner(headers)));
    }

    @POST
    @Path("{id}/resume")
    @Operation(summary = "Make a paused or disabled subscription active again")
    public SubscriptionView resume(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        return SubscriptionView.of(subscriptions.resume(id, owner(headers)));
    }

    @POST
    @Path("{id}/secret/rotate")
    @Operation(summary = "Replace a webhook's signing secret; the previous one keeps signing during the overlap")
    public RotatedSecret rotateSecret(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        SubscriptionSecrets.Rotated rotated = subscriptions.rotateSecret(id, owner(headers));
        return new RotatedSecret(rotated.secret().value(), rotated.previousExpiresAt());
    }

    @POST
    @Path("{id}/preview")
    @Operation(summary = "Which stored stories of the last days this subscription would have matched")
    public StoryPreview.Result previewStored(@PathParam("id") UUID id, JsonNode body,
            @Context HttpHeaders headers, @QueryParam("days") Integer days,
            @QueryParam("limit") Integer limit) {
        Subscription subscription = subscriptions.get(id, owner(headers));
        ObjectNode options = body == null || body.isNull() ? null : object(body);
        if (options != null) {
            options.fieldNames().forEachRemaining(field -> {
                if (!"days".equals(field)) {
                    throw new ProblemException(Problem.of(400,
                            "unknown field " + field + "; a stored subscription's preview "
                            + "takes only {\"days\": n}"));
                }
            });
        }
        return preview.preview(SubscriptionFilter.of(subscription), subscription.topics(), days(days, options),
                items(limit));
    }

    @POST
    @Path("preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Which stored stories of the last days a subscription body (not stored) would have matched")
    public StoryPreview.Result previewDraft(JsonNode body, @QueryParam("days") Integer days,
            @QueryParam("limit") Integer limit) {
        ObjectNode draft = object(body);
        SubscriptionFilter filter = subscriptions.filterOf(draft, Set.of("days"));
        List<String> topics = new java.util.ArrayList<>();
        draft.path("topics").forEach(topic -> topics.add(topic.asText().strip()));
        return preview.preview(filter, topics, days(days, draft), items(limit));
    }

    private int days(Integer query, ObjectNode body) {
        Integer days = query;
        JsonNode inBody = body == null ? null : body.get("days");
        if (inBody != null && !inBody.isNull()) {
            if (!inBody.isIntegralNumber() || !inBody.canConvertToInt()) {
                throw new ProblemException(Problem.of(400, "days must be a whole number of days"));
            }
            days = inBody.intValue();
        }
        int value = days == null ? Math.min(DEFAULT_PREVIEW_DAYS, config.previewMaxDays()) : days;
        if (value < 1 || value > config.previewMaxDays()) {
            throw new ProblemException(Problem.of(400,
                    "days must be from 1 to " + config.previewMaxDays() + ", not " + value));
        }
        return value;
    }

    private static int items(Integer limit) {
        int value = limit == null ? DEFAULT_PREVIEW_ITEMS : limit;
        if (value < 1 || value > MAX_PREVIEW_ITEMS) {
            throw new ProblemException(Problem.of(400,
                    "limit must be from 1 to " + MAX_PREVIEW_ITEMS + ", not " + value));
        }
        return value;
    }

    private static ObjectNode object(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new ProblemException(Problem.of(400, "the body must be a JSON object"));
        }
        return (ObjectNode) body;
    }

    /**
     * The owner a call acts for, read the same way by every alert-service endpoint: absent means an administrator;
     * present but empty, repeated or too long is refused, never taken for "no owner".
     */
    public static Optional<String> owner(HttpHeaders headers) {
        List<String> values = headers.getRequestHeader(OWNER_HEADER);
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw new ProblemException(Problem.of(400, OWNER_HEADER + " must be given once"));
        }
        String owner = values.get(0) == null ? "" : values.get(0).strip();
        if (owner.isEmpty() || owner.length() > SubscriptionService.MAX_OWNER) {
            throw new ProblemException(Problem.of(400, OWNER_HEADER + " must name the owner in 1 to "
                    + SubscriptionService.MAX_OWNER + " characters"));
        }
        return Optional.of(owner);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
