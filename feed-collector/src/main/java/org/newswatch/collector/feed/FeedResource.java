package org.newswatch.collector.feed;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.newswatch.problem.ProblemException;
import org.newswatch.security.ServiceKeyRequired;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The feed registry API ({@code /api/v1/feeds}); changes need the service key. */
@Path("/api/v1/feeds")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "feeds", description = "The feeds the collector polls, and their health")
public class FeedResource {

    static final String OPML = "text/x-opml";

    /** {@code POST /feeds}: the URL, and optionally an interval and a title. */
    public record AddFeed(String url, Integer pollIntervalSeconds, String title) {
    }

    /** {@code PATCH /feeds/{id}}: fields to change; absent fields stay as they are. */
    public record UpdateFeed(String title, Integer pollIntervalSeconds, Boolean enabled) {
    }

    private final FeedRegistry registry;

    public FeedResource(FeedRegistry registry) {
        this.registry = registry;
    }

    @POST
    @ServiceKeyRequired
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a feed; it is polled at once")
    public Response add(AddFeed request) {
        if (request == null) {
            throw ProblemException.badRequest("missing-body", "a JSON body {\"url\": ...} is required");
        }
        Feed feed = registry.add(request.url(), request.pollIntervalSeconds(), request.title());
        return Response.created(URI.create("/api/v1/feeds/" + feed.id())).entity(FeedView.of(feed)).build();
    }

    @GET
    @Operation(summary = "List feeds with their health, by URL, a page at a time")
    public FeedRegistry.Page list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return registry.list(cursor, limit);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One feed with its health")
    public FeedView get(@PathParam("id") UUID id) {
        return FeedView.of(registry.get(id));
    }

    @PATCH
    @Path("{id}")
    @ServiceKeyRequired
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(summary = "Change a feed's title, interval or enabled state")
    public FeedView update(@PathParam("id") UUID id, UpdateFeed request) {
        if (request == null) {
            throw ProblemException.badRequest("missing-body", "a JSON body with the fields to change is required");
        }
        return FeedView.of(registry.update(id, request.title(), request.pollIntervalSeconds(), request.enabled()));
    }

    @POST
    @Path("{id}/poll")
    @ServiceKeyRequired
    @Operation(summary = "Poll the feed now, whatever its schedule says")
    public Response pollNow(@PathParam("id") UUID id) {
        return Response.accepted(FeedView.of(registry.pollNow(id))).build();
    }

    @DELETE
    @Path("{id}")
    @ServiceKeyRequired
    @Operation(summary = "Remove a feed (its seen items stay, so adding it again republishes nothing)")
    public Response delete(@PathParam("id") UUID id) {
        registry.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Path("import")
    @ServiceKeyRequired
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Add the feeds of an OPML 1.0/2.0 document; those already registered are left as they are")
    public FeedRegistry.ImportReport importOpml(byte[] body) {
        try {
            return registry.importOpml(OpmlReader.read(body));
        } catch (OpmlFormatException e) {
            throw ProblemException.badRequest("invalid-opml", e.getMessage());
        }
    }

    @GET
    @Path("export")
    @Produces({OPML, MediaType.APPLICATION_XML})
    @Operation(summary = "All feeds as an OPML 2.0 document")
    public Response export() {
        byte[] opml = OpmlWriter.write("newswatch feeds", registry.all(), Instant.now());
        return Response.ok(opml, OPML + ";charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"newswatch-feeds.opml\"").build();
    }
}
