package org.newswatch.gateway.backend;

import java.util.UUID;

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
import org.newswatch.gateway.key.KeyResource;
import org.newswatch.gateway.key.KeyRole;
import org.newswatch.problem.Problem;

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

/** {@code /api/v1/feeds}: the feed registry and its health, served by the feed-collector (admin keys only). */
@Path("/api/v1/feeds")
@RolesAllowed(KeyRole.ADMIN_NAME)
@Tag(name = "feeds", description = "The feeds newswatch polls, and their health (admin)")
@SecurityRequirement(name = KeyResource.SECURITY_SCHEME)
@APIResponse(responseCode = "403", description = "The key is not an admin key",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "503", description = "The feed-collector cannot be reached (backend-unavailable); see Retry-After",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "504", description = "The feed-collector did not answer in time (backend-timeout)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class FeedResource {

    static final String BASE = "/api/v1/feeds";
    static final String OPML = "text/x-opml";
    private static final String FEED_EXAMPLE = "{\"id\": \"0b6f5c3e-3c1f-4d53-9a38-2f0f8f7f6a01\","
            + " \"url\": \"https://www.justsecurity.org/feed/\", \"title\": \"Just Security\", \"format\": \"rss\","
            + " \"enabled\": true, \"pollIntervalSeconds\": 300, \"effectivePollIntervalSeconds\": 300,"
            + " \"health\": {\"status\": \"ok\", \"lastPolledAt\": \"2026-11-23T19:00:00Z\", \"consecutiveFailures\": 0,"
            + " \"itemsSeen\": 42, \"nextPollAt\": \"2026-11-23T19:05:00Z\"},"
            + " \"createdAt\": \"2026-11-20T08:00:00Z\", \"updatedAt\": \"2026-11-23T19:00:00Z\"}";

    private final BackendForwarder forwarder;

    public FeedResource(BackendForwarder forwarder) {
        this.forwarder = forwarder;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a feed", description = "Registers a feed URL (RSS, Atom, RDF or JSON Feed); it is polled"
            + " at once. Outside the local profile the URL must resolve to public addresses.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT, description = "url (required), pollIntervalSeconds, title"),
            examples = @ExampleObject(name = "feed", value = "{\"url\": \"https://www.justsecurity.org/feed/\","
                    + " \"pollIntervalSeconds\": 300}")))
    @APIResponse(responseCode = "201", description = "The feed, with its id; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "feed",
                    value = FEED_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Not a usable URL, or a bad field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The feed is registered already",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> add(byte[] body) {
        return forwarder.to(Backend.COLLECTOR).post(BASE, body);
    }

    @GET
    @Operation(summary = "List feeds", description = "Feeds with their health, by URL, a page at a time:"
            + " {\"items\": [...], \"nextCursor\": \"...\"}; nextCursor is absent on the last page.")
    @Parameter(name = "cursor", in = ParameterIn.QUERY, description = "nextCursor of the previous page")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "page size")
    @APIResponse(responseCode = "200", description = "A page of feeds",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "page",
                    value = "{\"items\": [" + FEED_EXAMPLE + "], \"nextCursor\": \"aHR0cHM6Ly93d3c\"}")))
    @APIResponse(responseCode = "400", description = "A bad limit or a cursor the list did not give out",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> list() {
        return forwarder.to(Backend.COLLECTOR).get(BASE);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One feed", description = "The feed with its health: status (pending, ok, failing,"
            + " disabled), last poll, last error, items seen, next poll.")
    @APIResponse(responseCode = "200", description = "The feed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "feed",
                    value = FEED_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such feed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> get(@PathParam("id") UUID id) {
        return forwarder.to(Backend.COLLECTOR).get(BASE + "/" + id);
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(summary = "Change a feed", description = "Changes title, pollIntervalSeconds or enabled; absent fields"
            + " stay as they are.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT, description = "title, pollIntervalSeconds, enabled"),
            examples = @ExampleObject(name = "pause polling", value = "{\"enabled\": false}")))
    @APIResponse(responseCode = "200", description = "The changed feed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "feed",
                    value = FEED_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "A bad field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such feed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> update(@PathParam("id") UUID id, byte[] body) {
        return forwarder.to(Backend.COLLECTOR).patch(BASE + "/" + id, body);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Remove a feed", description = "Stops polling it. Its seen items stay, so adding it again"
            + " republishes nothing.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such feed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return forwarder.to(Backend.COLLECTOR).delete(BASE + "/" + id);
    }

    @POST
    @Path("{id}/poll")
    @Operation(summary = "Poll a feed now", description = "Schedules the feed for an immediate poll, whatever its"
            + " interval says.")
    @APIResponse(responseCode = "202", description = "The feed, due now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "feed",
                    value = FEED_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such feed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> pollNow(@PathParam("id") UUID id) {
        return forwarder.to(Backend.COLLECTOR).post(BASE + "/" + id + "/poll", null);
    }

    @POST
    @Path("import")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Import an OPML document", description = "Adds every feed of an OPML 1.0/2.0 document; feeds"
            + " registered already are left as they are, unusable ones are listed with the reason.")
    @RequestBody(required = true, content = @Content(mediaType = OPML, schema = @Schema(type = SchemaType.STRING),
            examples = @ExampleObject(name = "opml", value = "<?xml version=\"1.0\"?><opml version=\"2.0\"><head>"
                    + "<title>feeds</title></head><body><outline type=\"rss\" text=\"Just Security\""
                    + " xmlUrl=\"https://www.justsecurity.org/feed/\"/></body></opml>")))
    @APIResponse(responseCode = "200", description = "What was added, what existed, what was refused and why",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "report",
                    value = "{\"added\": [" + FEED_EXAMPLE + "], \"existing\": [\"https://example.org/rss\"],"
                            + " \"rejected\": [{\"url\": \"ftp://example.org/feed\", \"reason\": \"the scheme 'ftp:'"
                            + " is not allowed; only http and https are\"}]}")))
    @APIResponse(responseCode = "400", description = "Not an OPML document (invalid-opml)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "The document is larger than the gateway accepts",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> importOpml(byte[] body) {
        return forwarder.to(Backend.COLLECTOR).slow().post(BASE + "/import", body);
    }

    @GET
    @Path("export")
    @Operation(summary = "Export all feeds as OPML", description = "An OPML 2.0 document (text/x-opml) of every"
            + " feed, as an attachment.")
    @APIResponse(responseCode = "200", description = "The OPML document",
            content = @Content(mediaType = OPML, schema = @Schema(type = SchemaType.STRING)))
    public Uni<Response> export() {
        return forwarder.to(Backend.COLLECTOR).get(BASE + "/export");
    }

    @POST
    @Path("preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Preview a feed URL", description = "Fetches and reads a feed without storing anything: its"
            + " items in feed order as they would be published, or a problem saying precisely why the URL is not a"
            + " usable feed. The remote site may be slow: this call waits up to the slow timeout (30 s).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT, description = "url (required)"),
            examples = @ExampleObject(name = "url", value = "{\"url\": \"https://www.justsecurity.org/feed/\"}")))
    @APIResponse(responseCode = "200", description = "The items the feed would publish",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "preview",
                    value = "{\"items\": [{\"id\": \"a1b2c3\", \"title\": \"US sanctions ICC judges\","
                            + " \"link\": \"https://example.org/story?utm_source=x\","
                            + " \"canonicalUrl\": \"https://example.org/story\", \"summary\": \"...\","
                            + " \"publishedAt\": \"2026-11-23T18:00:00Z\"}]}")))
    @APIResponse(responseCode = "400", description = "The URL is not allowed or malformed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The URL answered, but not with a usable feed (the stage says where"
            + " it failed)", content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = Problem.class)))
    public Uni<Response> preview(byte[] body) {
        return forwarder.to(Backend.COLLECTOR).slow().post(BASE + "/preview", body);
    }
}
