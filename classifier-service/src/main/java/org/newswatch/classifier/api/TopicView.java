package org.newswatch.classifier.api;

import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A topic as {@code GET /api/v1/topics} shows it. */
@Schema(description = "A topic the classifier knows")
public record TopicView(
        @Schema(examples = "icc-sanctions") String id,
        String description,
        @Schema(description = "A score at or above it flags the topic") double threshold,
        @Schema(description = "Languages the topic has terms for (ISO 639-1)") Set<String> languages) {

    /** The list answer: {@code {"items": [...]}}, all topics on one page. */
    public record Page(List<TopicView> items, @Schema(description = "Version of the classifier and its topics")
            String classifierVersion) {
    }
}
