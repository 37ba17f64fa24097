package org.newswatch.gateway.article;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Where a full-text query matched: plain text (never markup) and the spans to highlight in it, as UTF-16 offsets
 * like the classifier's evidence, so that a client escapes the text and marks the spans itself.
 */
@Schema(description = "Plain-text excerpt of the summary (or content) around the matches, with the matched spans")
public record Snippet(
        @Schema(description = "Plain text; fragments are joined with ' … '") String text,
        @Schema(description = "Matched spans in text: [start, end) in UTF-16 code units") List<Highlight> highlights) {

    /** One matched span. */
    public record Highlight(int start, int end) {
    }

    /** Start and stop markers asked of ts_headline: control characters, removed from the text beforehand. */
    static final char START = '\u0002';
    static final char STOP = '\u0003';

    /** Turns ts_headline's output, marked with {@link #START} and {@link #STOP}, into text and spans. */
    static Snippet parse(String marked) {
        StringBuilder text = new StringBuilder(marked.length());
        List<Highlight> highlights = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < marked.length(); i++) {
            char c = marked.charAt(i);
            if (c == START) {
                start = text.length();
            } else if (c == STOP) {
                if (start >= 0 && text.length() > start) {
                    highlights.add(new Highlight(start, text.length()));
                }
                start = -1;
            } else {
                text.append(c);
            }
        }
        return new Snippet(text.toString(), highlights);
    }
}
