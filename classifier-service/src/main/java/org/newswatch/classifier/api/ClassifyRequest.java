package org.newswatch.classifier.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A text to classify; every field optional, but a classification of nothing is all zeros. */
@Schema(description = "A text to classify without storing it")
public record ClassifyRequest(
        @Schema(description = "Title (plain text or HTML)", examples = "US sanctions ICC judges") String title,
        @Schema(description = "Summary (plain text or HTML)") String summary,
        @Schema(description = "Full text (plain text or HTML); only its first characters are read") String content,
        @Schema(description = "Declared language (BCP 47), used when the text is too short to tell", examples = "fr")
        String lang) {
}
