package org.newswatch.gateway.backend;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /api/v1/topics} and {@code /api/v1/classify}, served by the classifier-service (any key). */
@Path("/api/v1")
@RolesAllowed(KeyRole.READER_NAME)
@Tag(name = "classifier", description = "The topics newswatch recognises, and classifying a text (reader)")
@SecurityRequirement(name = KeyResource.SECURITY_SCHEME)
@APIResponse(responseCode = "503", description = "The classifier-service cannot be reached (backend-unavailable);"
        + " see Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE,
                schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "504", description = "The classifier-service did not answer in time (backend-timeout)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ClassifierResource {

    private static final String CLASSIFICATION_EXAMPLE = "{\"language\": \"fr\", \"classifierVersion\": \"2026.11.1\","
            + " \"flagged\": true, \"topics\": [{\"topic\": \"icc-sanctions\", \"score\": 0.97, \"flagged\": true,"
            + " \"evidence\": [{\"field\": \"title\", \"start\": 12, \"end\": 40, \"text\": \"sanctionne des juges de la"
            + " CPI\", \"rule\": \"sanctions+icc\"}]}, {\"topic\": \"judicial-independence\", \"score\": 0.12,"
            + " \"flagged\": false, \"evidence\": []}]}";

    private final BackendForwarder forwarder;

    public ClassifierResource(BackendForwarder forwarder) {
        this.forwarder = forwarder;
    }

    @GET
    @Path("topics")
    @Operation(summary = "The topics newswatch knows", description = "Each topic with its description, the score"
            + " that flags it and the languages it has terms for; classifierVersion names the topic definitions.")
    @APIResponse(responseCode = "200", description = "All topics on one page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "topics",
                    value = "{\"items\": [{\"id\": \"icc-sanctions\", \"description\": \"Sanctions against the"
                            + " International Criminal Court, its judges and staff\", \"threshold\": 0.5,"
                            + " \"languages\": [\"en\", \"fr\", \"es\", \"de\", \"nl\"]}],"
                            + " \"classifierVersion\": \"2026.11.1\"}")))
    public Uni<Response> topics() {
        return forwarder.to(Backend.CLASSIFIER).get("/api/v1/topics");
    }

    @POST
    @Path("classify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Classify a text without storing it", description = "Every known topic is listed with its"
            + " score, flag and evidence (character offsets into the field as sent, and the rule that fired).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT, description = "title, summary, content (plain text or HTML),"
                    + " optional lang (BCP 47)"),
            examples = @ExampleObject(name = "french headline", value = "{\"title\": \"Washington sanctionne des juges"
                    + " de la CPI\", \"summary\": \"Les avoirs de deux juges de la Cour pénale internationale sont"
                    + " gelés.\", \"content\": \"\", \"lang\": \"fr\"}")))
    @APIResponse(responseCode = "200", description = "The classification",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "flagged",
                    value = CLASSIFICATION_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "The body is missing, not JSON, or has an unknown field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> classify(byte[] body) {
        return forwarder.to(Backend.CLASSIFIER).post("/api/v1/classify", body);
    }
}
