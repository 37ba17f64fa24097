package org.newswatch.gateway.stream;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.newswatch.gateway.article.RequestParameters;
import org.newswatch.gateway.key.KeyResource;
import org.newswatch.problem.Problem;

import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

/** Server-Sent Events of newly flagged articles. */
@Path("/api/v1/stream")
@RolesAllowed("reader")
@SecurityRequirement(name = KeyResource.SECURITY_SCHEME)
@Tag(name = "Stream", description = "Newly flagged articles as they are classified")
public class StreamResource {

    /** The SSE event name of a flagged article. */
    public static final String EVENT_NAME = "article.flagged";

    private static final String STREAM_EXAMPLE = """
            :connected

            id:42
            event:article.flagged
            data:{"id":"3f2a9c1e0b7d4e8a","title":"Washington sanctionne des juges de la CPI","url":"https://www.example.org/monde/cpi-sanctions","source":"Example Monde","feedId":"f-12","language":"fr","publishedAt":"2026-11-20T08:00:00Z","collectedAt":"2026-11-20T08:01:10Z","classifiedAt":"2026-11-20T08:01:11Z","flagged":true,"topics":[{"topic":"icc-sanctions","score":0.97,"flagged":true,"evidence":[{"field":"title","start":11,"end":41,"text":"sanctionne des juges de la CPI","rule":"sanction-court"}]},{"topic":"judicial-independence","score":0.12,"flagged":false,"evidence":[]}],"summary":"Les avoirs de deux juges de la Cour pénale internationale sont gelés."}

            :heartbeat

            """;

    private final FlaggedStream stream;
    private final StreamConfig config;

    public StreamResource(FlaggedStream stream, StreamConfig config) {
        this.stream = stream;
        this.config = config;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Newly flagged articles, live", description = """
            One SSE event named article.flagged per article that becomes flagged, as it is classified; its data is the
            article as an item of GET /api/v1/articles (every topic with its evidence), its id a number that grows
            with every event. An article is streamed once, when it is first stored flagged. Reconnect with the Last-Event-ID header
            (browsers' EventSource do so by themselves) to receive the events missed since that id first (at most the
            newest 1,000 by default; a comment says when older ones were left out). A comment ':connected' opens the
            stream and ':heartbeat' follows every 15 s by default. A client that reads too slowly is disconnected and
            resumes with Last-Event-ID. Example: curl -N -H "Authorization: Bearer $KEY" http://localhost:8080/api/v1/stream""")
    @APIResponse(responseCode = "200", description = "The event stream (text/event-stream)",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
                    schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "events", value = STREAM_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "A malformed Last-Event-ID, or a refused parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "bad id", value = """
                            {"type": "urn:newswatch:problem:validation", "title": "Bad Request", "status": 400,
                             "detail": "Last-Event-ID: expected the id of an event of this stream (a whole number)",
                             "errors": [{"field": "Last-Event-ID",
                                         "message": "expected the id of an event of this stream (a whole number)"}]}""")))
    public Multi<OutboundSseEvent> events(
            @Parameter(description = "Only articles flagged for one of these topics; repeatable or comma-separated",
                    schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
            @QueryParam("topic") List<String> topic,
            @Parameter(description = "The id of the last event received: the missed ones are sent first",
                    in = ParameterIn.HEADER, example = "42") @HeaderParam("Last-Event-ID") String lastEventId,
            @Context UriInfo uri, @Context Sse sse) {
        RequestParameters params = new RequestParameters(uri.getQueryParameters(), Set.of("topic"), Set.of("topic"));
        Set<String> topics = new HashSet<>(params.topics("topic"));
        Long after = null;
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                after = Long.parseLong(lastEventId.strip());
                if (after < 0) {
                    after = params.refuse("Last-Event-ID", "expected the id of an event of this stream (a whole number)");
                }
            } catch (NumberFormatException e) {
                params.refuse("Last-Event-ID", "expected the id of an event of this stream (a whole number)");
            }
        }
        params.validate();
        Multi<OutboundSseEvent> events = stream.subscribe(after, Set.copyOf(topics)).map(event -> toSse(sse, event));
        Multi<OutboundSseEvent> heartbeats = Multi.createFrom().ticks().every(config.heartbeat())
                .onOverflow().drop()
                .map(tick -> sse.newEventBuilder().comment("heartbeat").build());
        return Multi.createBy().merging().streams(events, heartbeats);
    }

    private static OutboundSseEvent toSse(Sse sse, StreamEvent event) {
        if (event == StreamEvent.OPENED) {
            return sse.newEventBuilder().comment("connected").build();
        }
        if (event == StreamEvent.TRUNCATED) {
            return sse.newEventBuilder().comment("older missed events were not replayed; "
                    + "GET /api/v1/articles?flagged=true lists them").build();
        }
        return sse.newEventBuilder().id(Long.toString(event.seq())).name(EVENT_NAME).data(String.class, event.json())
                .build();
    }
}
