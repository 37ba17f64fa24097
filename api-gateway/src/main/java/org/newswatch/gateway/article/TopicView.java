package org.newswatch.gateway.article;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.newswatch.contracts.Evidence;
import org.newswatch.contracts.TopicScore;

/** How strongly an article is about one topic, and the evidence that made the score. */
@Schema(description = "A topic's score for an article, with its evidence")
public record TopicView(
        @Schema(description = "Topic id", examples = "icc-sanctions") String topic,
        @Schema(description = "Score in [0, 1]", examples = "0.97") double score,
        @Schema(description = "Whether the score reached the topic's threshold") boolean flagged,
        @Schema(description = "The spans that made the score: field (title, summary or content), start and end"
                + " as UTF-16 offsets into that field, the matched text and the rule; empty when nothing matched")
        List<Evidence> evidence) {

    static TopicView of(TopicScore score) {
        return new TopicView(score.topic(), score.score(), score.flagged(), score.evidence());
    }
}
