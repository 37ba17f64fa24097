package org.newswatch.collector.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The date forms feeds really write, and the ones that are no date (which then count as missing). */
class FeedDatesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Tue, 10 Jun 2025 08:30:00 GMT         | 2025-06-10T08:30:00Z
            Tue, 10 Jun 2025 08:30:00 +0200       | 2025-06-10T06:30:00Z
            Tue, 10 Jun 2025 08:30:00 -05:30      | 2025-06-10T14:00:00Z
            Tue, 10 Jun 2025 08:30:00 EDT         | 2025-06-10T12:30:00Z
            Tue, 10 Jun 2025 08:30:00 PST         | 2025-06-10T16:30:00Z
            Mon, 10 Jun 2025 08:30:00 GMT         | 2025-06-10T08:30:00Z
            10 Jun 2025 08:30 GMT                 | 2025-06-10T08:30:00Z
            Tue, 10 June 2025 8:30:00 UT          | 2025-06-10T08:30:00Z
            Tue, 10 Jun 25 08:30:00 Z             | 2025-06-10T08:30:00Z
            Tue, 10 Jun 2025 08:30:00             | 2025-06-10T08:30:00Z
            Tue, 10 Jun 2025 08:30:00 GMT+2       | 2025-06-10T06:30:00Z
            2025-06-10T08:30:00Z                  | 2025-06-10T08:30:00Z
            2025-06-10T08:30:00.123456+02:00      | 2025-06-10T06:30:00.123456Z
            2025-06-10T08:30+0100                 | 2025-06-10T07:30:00Z
            2025-06-10 08:30:00                   | 2025-06-10T08:30:00Z
            2025-06-10                            | 2025-06-10T00:00:00Z
            2025-06                               | 2025-06-01T00:00:00Z
            """)
    void readsRealWorldForms(String text, String expected) {
        assertEquals(Instant.parse(expected), FeedDates.parse(text), "a wrong weekday is ignored, no zone is UTC");
    }

    @ParameterizedTest(name = "\"{0}\" is no date")
    @ValueSource(strings = {"", "yesterday", "32/13/2025 25:61", "Tue, 32 Jun 2025 08:30:00 GMT",
            "Tue, 10 Foo 2025 08:30:00 GMT", "2025-13-01", "2025-02-30T00:00:00Z", "10 Jun 2025 08:30:00 +9999x"})
    void refusesWhatIsNoDate(String text) {
        assertNull(FeedDates.parse(text));
    }
}
