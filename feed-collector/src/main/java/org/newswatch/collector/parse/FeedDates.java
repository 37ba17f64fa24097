package org.newswatch.collector.parse;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the dates feeds write: RFC 822 in its real-world variants (wrong or missing weekday, two-digit year, no
 * seconds, US zone names, no zone) and W3C/ISO 8601 (with or without seconds, fraction, or zone). A missing zone
 * is UTC, never the JVM's zone, so the result does not depend on where the collector runs.
 *
 * <p>Why not ROME's {@code DateParser}: it builds a {@code SimpleDateFormat} for every mask it tries on every date,
 * about a quarter of a millisecond per item, which made a 10,000-item feed take seconds.
 */
final class FeedDates {

    private static final Pattern RFC_822 = Pattern.compile(
            "(?:[A-Za-z]{2,9}\\.?,?\\s*)?(\\d{1,2})[\\s-]+([A-Za-z]{3,9})\\.?[\\s-]+(\\d{2}|\\d{4}),?\\s+"
                    + "(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?\\s*(.*)");
    private static final Pattern ISO_8601 = Pattern.compile(
            "(\\d{4})-(\\d{2})(?:-(\\d{2}))?(?:[Tt ](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?\\s*(.*)");
    private static final Pattern NUMERIC_OFFSET = Pattern.compile("(?:GMT|UTC)?([+-])(\\d{1,2}):?(\\d{2})?");
    private static final Map<String, Integer> ZONE_HOURS = Map.ofEntries(
            Map.entry("", 0), Map.entry("Z", 0), Map.entry("GMT", 0), Map.entry("UT", 0), Map.entry("UTC", 0),
            Map.entry("EST", -5), Map.entry("EDT", -4), Map.entry("CST", -6), Map.entry("CDT", -5),
            Map.entry("MST", -7), Map.entry("MDT", -6), Map.entry("PST", -8), Map.entry("PDT", -7),
            Map.entry("BST", 1), Map.entry("CET", 1), Map.entry("CEST", 2), Map.entry("MET", 1), Map.entry("MEST", 2),
            Map.entry("EET", 2), Map.entry("EEST", 3), Map.entry("JST", 9), Map.entry("KST", 9), Map.entry("IST", 5));
    private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";

    private FeedDates() {
    }

    /** The instant a date text names, or null when it is not a date this reader understands. */
    static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        try {
            Matcher iso = ISO_8601.matcher(value);
            if (iso.matches()) {
                return at(number(iso.group(1)), number(iso.group(2)), iso.group(3) == null ? 1 : number(iso.group(3)),
                        iso.group(4), iso.group(5), iso.group(6), iso.group(7), iso.group(8));
            }
            Matcher rfc = RFC_822.matcher(value);
            if (rfc.matches()) {
                int month = month(rfc.group(2));
                int year = number(rfc.group(3));
                if (rfc.group(3).length() == 2) {
                    year += year < 50 ? 2000 : 1900;
                }
                return month < 0 ? null : at(year, month, number(rfc.group(1)),
                        rfc.group(4), rfc.group(5), rfc.group(6), null, rfc.group(7));
            }
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
        return null;
    }

    private static Instant at(int year, int month, int day, String hour, String minute, String second, String fraction,
            String zone) {
        ZoneOffset offset = offset(zone);
        if (offset == null) {
            return null;
        }
        int nanos = 0;
        if (fraction != null) {
            nanos = number((fraction + "000000000").substring(0, 9));
        }
        LocalDateTime local = LocalDateTime.of(year, month, day,
                hour == null ? 0 : number(hour), minute == null ? 0 : number(minute),
                second == null ? 0 : number(second), nanos);
        return local.toInstant(offset);
    }

    private static ZoneOffset offset(String zone) {
        String trimmed = zone == null ? "" : zone.strip().toUpperCase(Locale.ROOT);
        Integer hours = ZONE_HOURS.get(trimmed);
        if (hours != null) {
            return ZoneOffset.ofHours(hours);
        }
        Matcher numeric = NUMERIC_OFFSET.matcher(trimmed);
        if (numeric.matches()) {
            int sign = numeric.group(1).equals("-") ? -1 : 1;
            int minutes = numeric.group(3) == null ? 0 : number(numeric.group(3));
            return ZoneOffset.ofHoursMinutes(sign * number(numeric.group(2)), sign * minutes);
        }
        // A military letter or an unknown name: hours off at worst, better than no date.
        return trimmed.matches("[A-Z]{1,5}") ? ZoneOffset.UTC : null;
    }

    private static int month(String name) {
        if (name.length() < 3) {
            return -1;
        }
        int index = MONTHS.indexOf(name.substring(0, 3).toLowerCase(Locale.ROOT));
        return index < 0 || index % 3 != 0 ? -1 : index / 3 + 1;
    }

    private static int number(String digits) {
        return Integer.parseInt(digits);
    }
}
