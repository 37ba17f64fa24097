package org.newswatch.alert.delivery;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.newswatch.alert.config.AlertConfig;
import org.newswatch.alert.subscription.Subscription;
import org.newswatch.alert.subscription.SubscriptionResource;
import org.newswatch.alert.subscription.SubscriptionService;
import org.newswatch.alert.subscription.SubscriptionStatus;
import org.newswatch.problem.Problem;
import org.newswatch.problem.ProblemException;
import org.newswatch.security.ServiceKeyRequired;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * The delivery log of a subscription and redelivery, under {@code /api/v1/subscriptions/{id}}. Like the rest of
 * the subscriptions API every call needs the service key, and a caller acting for an owner
 * ({@code X-Newswatch-Owner}) reaches only that owner's subscriptions (others answer 404).
 */
@Path("/api/v1/subscriptions")
@ServiceKeyRequired
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryLogResource {

    /** A page of the log: {@code nextCursor} is absent on the last page. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Page(List<DeliveryLog.Entry> items, String nextCursor) {
    }

    /** The answer of a redelivery of everything since a time. */
    public record Redelivered(Instant since, int redelivered) {
    }

    private final DeliveryLog log;
    private final SubscriptionService subscriptions;
    private final AlertConfig config;

    public DeliveryLogResource(DeliveryLog log, SubscriptionService subscriptions, AlertConfig config) {
        this.log = log;
        this.subscriptions = subscriptions;
        this.config = config;
    }

    @GET
    @Path("{id}/deliveries")
    @Operation(summary = "The delivery log of a subscription, newest first: each delivery with every attempt")
    public Page deliveries(@PathParam("id") UUID id, @Context HttpHeaders headers,
            @QueryParam("cursor") String cursor, @Parameter(description = "page size") @QueryParam("limit") Integer limit) {
        int size = limit == null ? config.defaultPageSize() : limit;
        if (size < 1 || size > config.maxPageSize()) {
            throw new ProblemException(Problem.of(400,
                    "limit must be from 1 to " + config.maxPageSize() + ", not " + size));
        }
        Subscription subscription = subscriptions.get(id, SubscriptionResource.owner(headers));
        try {
            DeliveryLog.Page page = log.page(subscription.id(), cursor == null || cursor.isBlank() ? null
                    : decode(cursor), size);
            return new Page(page.entries(), page.after() == null ? null : encode(page.after()));
        } catch (DeliveryLog.UnknownCursorException e) {
            throw new ProblemException(Problem.of(400, e.getMessage()));
        }
    }

    @POST
    @Path("{id}/deliveries/{deliveryId}/redeliver")
    @Operation(summary = "Send one delivery again now, with a fresh retry schedule")
    public Response redeliver(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId,
            @Context HttpHeaders headers) {
        Subscription subscription = active(id, headers);
        DeliveryLog.Result result = log.redeliver(subscription.id(), deliveryId);
        if (result.refusal() == DeliveryLog.Refusal.NO_SUCH_DELIVERY) {
            throw ProblemException.notFound("subscription " + id + " has no delivery " + deliveryId);
        }
        if (result.refusal() == DeliveryLog.Refusal.ATTEMPT_UNDER_WAY) {
            throw conflict("delivery " + deliveryId + " has an attempt under way; look at its log again shortly");
        }
        return Response.accepted(result.entry()).build();
    }

    @POST
    @Path("{id}/redeliver")
    @Operation(summary = "Send again, now, every delivery of the subscription matched at or after a time")
    public Response redeliverSince(@PathParam("id") UUID id,
            @Parameter(description = "ISO-8601 time with offset, e.g. 2026-11-20T08:00:00Z") @QueryParam("since")
            String since, @Context HttpHeaders headers) {
        if (since == null || since.isBlank()) {
            throw new ProblemException(Problem.of(400, "since is required: an ISO-8601 time with offset, e.g. "
                    + "2026-11-20T08:00:00Z"));
        }
        Instant from;
        try {
            from = OffsetDateTime.parse(since.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new ProblemException(Problem.of(400,
                    "since is not an ISO-8601 time with offset (e.g. 2026-11-20T08:00:00Z): "
                    + since));
        }
        Subscription subscription = active(id, headers);
        return Response.accepted(new Redelivered(from, log.redeliverSince(subscription.id(), from))).build();
    }

    /** The subscription, when it may be delivered to; a paused or disabled one must be resumed first. */
    private Subscription active(UUID id, HttpHeaders headers) {
        Subscription subscription = subscriptions.get(id, SubscriptionResource.owner(headers));
        if (subscription.status() != SubscriptionStatus.ACTIVE) {
            throw conflict("subscription " + id + " is " + subscription.status().value()
                    + (subscription.disabledReason() == null ? "" : " (" + subscription.disabledReason() + ")")
                    + "; resume it first, then redeliver");
        }
        return subscription;
    }

    private static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(409, detail));
    }

    private static String encode(UUID id) {
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    private static UUID decode(String cursor) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(cursor.strip());
            if (bytes.length != 16) {
                throw new IllegalArgumentException();
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            return new UUID(buffer.getLong(), buffer.getLong());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.of(400,
                    "cursor " + cursor + " is not a cursor this list gave out; start again"
                    + " without one"));
        }
    }
}
