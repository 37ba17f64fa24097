package org.newswatch.gateway.stats;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Article counts per UTC day of publication over a range of days, every day present (zero when quiet). */
@Schema(description = "Counts per UTC day (of publication), for charts")
public record DailyStats(
        @Schema(description = "First day (inclusive)") LocalDate since,
        @Schema(description = "Last day (inclusive)") LocalDate until,
        @Schema(description = "Topics counted: those asked for, else every topic flagged in the range") List<String> topics,
        @Schema(description = "One entry per day, oldest first") List<Day> days) {

    /** One day. */
    @Schema(description = "One UTC day")
    public record Day(
            LocalDate day,
            @Schema(description = "Articles published that day") long articles,
            @Schema(description = "Of them, flagged for some topic") long flagged,
            @Schema(description = "Flagged articles per topic (every counted topic, zeros included)")
            Map<String, Long> topics) {
    }
}
