package org.newswatch.gateway.article;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.newswatch.problem.Problem;
import org.newswatch.problem.ProblemException;

import jakarta.ws.rs.core.MultivaluedMap;

/**
 * The query parameters of one request, read strictly: an unknown name (a typo such as {@code topics=}) or a
 * single-valued parameter given twice is refused rather than ignored, and every refused parameter is reported
 * at once in one 400 problem.
 */
public final class RequestParameters {

    private static final Pattern TOPIC = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

    private final MultivaluedMap<String, String> values;
    private final List<Problem.FieldError> errors = new ArrayList<>();

    /**
     * @param known      every parameter the endpoint takes
     * @param repeatable those that may be given more than once
     */
    public RequestParameters(MultivaluedMap<String, String> values, Set<String> known, Set<String> repeatable) {
        this.values = values;
        for (String name : new TreeSet<>(values.keySet())) {
            if (!known.contains(name)) {
                errors.add(new Problem.FieldError(name, "unknown parameter; this endpoint takes "
                        + String.join(", ", new TreeSet<>(known))));
            } else if (!repeatable.contains(name) && values.get(name).size() > 1) {
                errors.add(new Problem.FieldError(name, "given more than once"));
            }
        }
    }

    /** The parameter's value, or null when absent; an empty value counts as absent. */
    public String text(String name) {
        String value = values.getFirst(name);
        if (value != null && value.indexOf('\u0000') >= 0) {
            return refuse(name, "contains a NUL character");
        }
        return value == null || value.isBlank() ? null : value.strip();
    }

    public String text(String name, int maxLength) {
        String value = text(name);
        if (value != null && value.length() > maxLength) {
            return refuse(name, "longer than " + maxLength + " characters");
        }
        return value;
    }

    /** Topic ids: the parameter repeated or comma-separated ({@code topic=a&topic=b} or {@code topic=a,b}). */
    public List<String> topics(String name) {
        Set<String> topics = new LinkedHashSet<>();
        for (String value : values.getOrDefault(name, List.of())) {
            for (String topic : value.split(",")) {
                String id = topic.strip().toLowerCase(Locale.ROOT);
                if (id.isEmpty()) {
                    continue;
                }
                if (!TOPIC.matcher(id).matches()) {
                    refuse(name, "'" + abbreviate(topic) + "' is not a topic id (letters, digits, '.', '_', '-')");
                } else {
                    topics.add(id);
                }
            }
        }
        if (topics.size() > 20) {
            refuse(name, "at most 20 topics");
        }
        return List.copyOf(topics);
    }

    public String language(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        String language = value.toLowerCase(Locale.ROOT);
        return LANGUAGE.matcher(language).matches() ? language
                : refuse(name, "expected an ISO 639-1 language code such as en, fr or es (or und)");
    }

    public Boolean bool(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> refuse(name, "expected true or false");
        };
    }

    public Double fraction(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            double fraction = Double.parseDouble(value);
            return fraction >= 0 && fraction <= 1 ? fraction : refuse(name, "must be between 0 and 1");
        } catch (NumberFormatException e) {
            return refuse(name, "expected a number between 0 and 1");
        }
    }

    public int integer(String name, int defaultValue, int min, int max) {
        String value = text(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        refuse(name, "expected a whole number from " + min + " to " + max);
        return defaultValue;
    }

    /**
     * An instant: ISO-8601 with a zone ({@code 2026-11-20T08:00:00Z}, {@code 2026-11-20T09:00:00+01:00}) or a date
     * ({@code 2026-11-20}, a UTC day). A date starts at its first instant, or, with {@code endOfDay}, ends after its
     * last, so {@code until=2026-11-20} includes that whole day.
     */
    public Instant instant(String name, boolean endOfDay) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notDateTime) {
            try {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                return refuse(name, "expected an ISO-8601 instant (2026-11-20T08:00:00Z) or date (2026-11-20)");
            }
        }
    }

    /** A UTC day ({@code 2026-11-20}). */
    public LocalDate date(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return refuse(name, "expected an ISO-8601 date such as 2026-11-20");
        }
    }

    /** Records a refusal of {@code name}; {@link #validate} reports it. */
    public <T> T refuse(String name, String message) {
        errors.add(new Problem.FieldError(name, message));
        return null;
    }

    /** Ends the request with a 400 listing every refused parameter, if any was refused. */
    public void validate() {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
