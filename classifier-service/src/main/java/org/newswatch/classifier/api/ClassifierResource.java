package org.newswatch.classifier.api;

import java.util.regex.Pattern;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.newswatch.classifier.TopicClassifier;
import org.newswatch.contracts.Classification;
import org.newswatch.problem.Problem;
import org.newswatch.problem.ProblemException;

import io.smallrye.common.annotation.Blocking;

/**
 * The classifier's part of the public API: the topics it knows, and classifying a text without storing it
 * (so it changes nothing and needs no service key).
 */
@Path("/api/v1")
@Tag(name = "classifier")
@Produces(MediaType.APPLICATION_JSON)
public class ClassifierResource {

    private static final Pattern LANGUAGE_TAG = Pattern.compile("[a-zA-Z]{2,3}([-_][a-zA-Z0-9]{1,8})*");

    private final TopicClassifier classifier;

    public ClassifierResource(TopicClassifier classifier) {
        this.classifier = classifier;
    }

    @GET
    @Path("/topics")
    @Operation(summary = "The topics the classifier knows, with descriptions and thresholds")
    public TopicView.Page topics() {
        return new TopicView.Page(classifier.catalog().topics().stream()
                .map(topic -> new TopicView(topic.id(), topic.description(), topic.threshold(), topic.languages()))
                .toList(), classifier.version());
    }

    @POST
    @Path("/classify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(summary = "Classify a text without storing it",
            description = "Every known topic is listed with its score, flag and evidence (character offsets into "
                    + "the field as sent).")
    @APIResponse(responseCode = "200", description = "The classification",
            content = @Content(schema = @Schema(implementation = Classification.class)))
    @APIResponse(responseCode = "400", description = "The body is missing or not a valid request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Classification classify(ClassifyRequest request) {
        if (request == null) {
            throw new ProblemException(Problem.of(400, "the body is missing: send {\"title\": ..., \"summary\": ..., "
                    + "\"content\": ..., \"lang\": ...}"));
        }
        if (request.lang() != null && !LANGUAGE_TAG.matcher(request.lang()).matches()) {
            throw new ProblemException(Problem.of(400,
                    "lang '" + request.lang() + "' is not a language tag such as en or fr-BE"));
        }
        return classifier.classify(request.title(), request.summary(), request.content(), request.lang());
    }
}
