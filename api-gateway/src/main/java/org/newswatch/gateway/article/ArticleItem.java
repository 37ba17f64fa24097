package org.newswatch.gateway.article;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An article as lists and the stream show it. */
@Schema(description = "An article in a list or on the stream")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ArticleItem(
        @Schema(description = "Stable article id (hash of the canonical URL)") String id,
        String title,
        @Schema(description = "Canonical URL (tracking parameters removed); absent when the item had no link") String url,
        @Schema(description = "Where the story comes from (feed title or host)") String source,
        @Schema(description = "The collector's id of the feed the story was first seen in") String feedId,
        @Schema(description = "Detected language, ISO 639-1, or und") String language,
        Instant publishedAt,
        Instant collectedAt,
        Instant classifiedAt,
        @Schema(description = "Whether any topic is flagged") boolean flagged,
        @Schema(description = "Every known topic with score, flag and evidence (field, start, end, text, rule)") List<TopicView> topics,
        @Schema(description = "Plain-text summary") String summary,
        @Schema(description = "With q only: where the query matched") Snippet snippet) {
}
