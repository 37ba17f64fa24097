package org.newswatch.collector.parse;

import java.time.Duration;
import java.time.Instant;

/**
 * Sane dates for an article. A feed's dates are often missing, unparsable, set to the epoch or to a far future
 * (typos, broken CMS clocks); such a date must not sort the story to the top or bottom of a list for years.
 */
final class ItemDates {

    /** Nothing on the web was published as news in a syndication feed before this. */
    static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");
    /** Clock skew and time-zone mistakes in feeds reach several hours; a day is generous. */
    static final Duration MAX_AHEAD = Duration.ofDays(1);

    private ItemDates() {
    }

    /** The published date when sane, else the updated date when sane, else the collection time. */
    static Instant publishedAt(Instant published, Instant updated, Instant collectedAt) {
        if (isSane(published, collectedAt)) {
            return published;
        }
        if (isSane(updated, collectedAt)) {
            return updated;
        }
        return collectedAt;
    }

    /** The updated date when sane, else null. */
    static Instant updatedAt(Instant updated, Instant collectedAt) {
        return isSane(updated, collectedAt) ? updated : null;
    }

    static boolean isSane(Instant date, Instant collectedAt) {
        return date != null && !date.isBefore(EARLIEST) && !date.isAfter(collectedAt.plus(MAX_AHEAD));
    }
}
