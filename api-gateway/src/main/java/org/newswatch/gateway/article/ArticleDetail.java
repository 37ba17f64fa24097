package org.newswatch.gateway.article;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One article with its whole classification: every topic's score and the evidence behind it. */
@Schema(description = "An article with labels, scores and evidence")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ArticleDetail(
        String id,
        String title,
        @Schema(description = "Canonical URL; absent when the item had no link") String url,
        String source,
        String feedId,
        @Schema(description = "Detected language, ISO 639-1, or und") String language,
        Instant publishedAt,
        Instant collectedAt,
        Instant classifiedAt,
        boolean flagged,
        @Schema(description = "Version of the classifier and topic definitions that produced the verdict") String classifierVersion,
        @Schema(description = "Every known topic with score, flag and evidence (field, start, end, text, rule)") List<TopicView> topics,
        @Schema(description = "Plain-text summary") String summary,
        @Schema(description = "Plain-text content as collected; may be empty") String content) {
}
