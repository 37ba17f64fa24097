package org.newswatch.collector.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.newswatch.collector.CollectorConfigs;
import org.newswatch.collector.feed.PollingConfig;

/** Adaptive intervals with the default settings: 5 min asked, 1 min floor, 1 h quiet ceiling, 24 h back-off. */
class PollIntervalsTest {

    static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
    static final Duration ASKED = Duration.ofMinutes(5);
    final PollIntervals intervals = new PollIntervals(CollectorConfigs.of(PollingConfig.class, Map.of()), () -> 1.0);

    static List<Instant> every(Duration gap, int count) {
        return IntStream.range(0, count).mapToObj(i -> NOW.minus(gap.multipliedBy(i + 1L))).toList();
    }

    @Test
    void busyFeedsComeFasterDownToTheFloor() {
        assertEquals(Duration.ofMinutes(2), intervals.afterRead(ASKED, every(Duration.ofMinutes(4), 360), NOW),
                "360 items a day: twice per expected item");
        assertEquals(Duration.ofMinutes(1), intervals.afterRead(ASKED, every(Duration.ofSeconds(30), 2000), NOW),
                "never below the floor");
        assertEquals(ASKED, intervals.afterRead(ASKED, every(Duration.ofHours(2), 10), NOW),
                "a few items a day: the asked interval");
    }

    @Test
    void quietFeedsComeSlowerUpToTheCeiling() {
        assertEquals(Duration.ofMinutes(30), intervals.afterRead(ASKED, List.of(NOW.minus(Duration.ofDays(1))), NOW));
        assertEquals(Duration.ofHours(1), intervals.afterRead(ASKED, List.of(NOW.minus(Duration.ofDays(30))), NOW));
        assertEquals(ASKED, intervals.afterRead(ASKED, List.of(), NOW), "no dates: the asked interval");
        assertEquals(Duration.ofHours(3), intervals.afterRead(Duration.ofHours(3),
                List.of(NOW.minus(Duration.ofDays(30))), NOW), "an admin's longer interval stands");
    }

    @Test
    void feedAndServerHintsAreNeverUndercut() {
        assertEquals(Duration.ofHours(2), intervals.afterRead(ASKED, every(Duration.ofMinutes(4), 360), NOW,
                Duration.ofHours(2), null), "RSS ttl or sy:updatePeriod");
        assertEquals(Duration.ofMinutes(20), intervals.afterNotModified(ASKED, Duration.ofMinutes(20)),
                "Cache-Control max-age or Expires");
        assertEquals(Duration.ofHours(24), intervals.afterRead(ASKED, List.of(), NOW, Duration.ofDays(30)),
                "a hint is capped at the back-off ceiling");
    }

    @Test
    void failuresBackOffExponentiallyUpTo24HoursAndHonourRetryAfter() {
        assertEquals(ASKED, intervals.afterFailure(ASKED, 1, null));
        assertEquals(Duration.ofMinutes(10), intervals.afterFailure(ASKED, 2, null));
        assertEquals(Duration.ofMinutes(40), intervals.afterFailure(ASKED, 4, null));
        assertEquals(Duration.ofHours(24), intervals.afterFailure(ASKED, 30, null));
        assertEquals(Duration.ofMinutes(15), intervals.afterFailure(ASKED, 1, Duration.ofMinutes(15)));
        assertEquals(Duration.ofMinutes(40), intervals.afterFailure(ASKED, 4, Duration.ofMinutes(15)),
                "Retry-After shorter than the back-off: the back-off");
    }

    @Test
    void aBrokerThatDidNotTakeTheArticlesIsTriedAgainSoonNeverLaterThanTheFeedsInterval() {
        assertEquals(Duration.ofMinutes(1), intervals.afterPublishFailure(ASKED, 1));
        assertEquals(Duration.ofMinutes(2), intervals.afterPublishFailure(ASKED, 2));
        assertEquals(Duration.ofMinutes(4), intervals.afterPublishFailure(ASKED, 3));
        assertEquals(ASKED, intervals.afterPublishFailure(ASKED, 4), "8 minutes would pass the feed's 5");
        assertEquals(ASKED, intervals.afterPublishFailure(ASKED, 50));
        assertEquals(Duration.ofMinutes(1), intervals.afterPublishFailure(Duration.ofSeconds(30), 1), "the floor holds");
    }

    @Test
    void jitterOnlyAddsUpToTenPercent() {
        Instant next = intervals.next(NOW, Duration.ofMinutes(10));
        assertEquals(NOW.plus(Duration.ofMinutes(11)), next, "the most jitter the default allows");
        PollIntervals none = new PollIntervals(CollectorConfigs.of(PollingConfig.class, Map.of()), () -> 0.0);
        assertEquals(NOW.plus(Duration.ofMinutes(10)), none.next(NOW, Duration.ofMinutes(10)));
        assertTrue(intervals.next(NOW, Duration.ofMinutes(10)).isAfter(NOW.plus(Duration.ofMinutes(9))));
    }
}
