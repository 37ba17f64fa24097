package org.newswatch.gateway.article;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.newswatch.contracts.Evidence;
import org.newswatch.contracts.TopicScore;

import com.fasterxml.jackson.annotation.JsonInclude;

/** How strongly an article is about one topic; with the evidence in details and on the stream, not in lists. */
@Schema(description = "A topic's score for an article")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TopicView(
        @Schema(description = "Topic id", examples = "icc-sanctions") String topic,
        @Schema(description = "Score in [0, 1]", examples = "0.97") double score,
        @Schema(description = "Whether the score reached the topic's threshold") boolean flagged,
        @Schema(description = "The spans that made the score (article detail and stream only)") List<Evidence> evidence) {

    static TopicView of(TopicScore score, boolean withEvidence) {
        return new TopicView(score.topic(), score.score(), score.flagged(), withEvidence ? score.evidence() : null);
    }
}
