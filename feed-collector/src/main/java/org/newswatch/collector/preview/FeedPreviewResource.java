package org.newswatch.collector.preview;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.newswatch.problem.ProblemException;
import org.newswatch.security.ServiceKeyRequired;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /api/v1/feeds/preview}: try a URL before adding it. It makes the collector fetch a URL, so it needs
 * the service key like the endpoints that change things.
 */
@Path("/api/v1/feeds/preview")
@Tag(name = "feeds")
public class FeedPreviewResource {

    /** The URL to try. */
    public record PreviewRequest(String url) {
    }

    private final FeedPreviewer previewer;

    public FeedPreviewResource(FeedPreviewer previewer) {
        this.previewer = previewer;
    }

    @POST
    @ServiceKeyRequired
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Fetch and read a feed without storing anything: its items as they would be published, "
            + "or why it is not usable")
    public FeedPreview preview(PreviewRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("missing-body", "a JSON body {\"url\": ...} is required");
        }
        return previewer.preview(request.url());
    }
}
