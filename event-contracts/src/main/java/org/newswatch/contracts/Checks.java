package org.newswatch.contracts;

import java.util.List;

/** Argument checks shared by the event records, so a malformed event fails with a message naming the field. */
final class Checks {

    private Checks() {
    }

    static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value;
    }

    static <T> T requirePresent(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value;
    }

    static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    static <T> List<T> immutable(List<T> values, String field) {
        if (values == null) {
            return List.of();
        }
        // List.copyOf refuses nulls too, but with a message that names no field.
        for (T value : values) {
            if (value == null) {
                throw new IllegalArgumentException(field + " contains a null element");
            }
        }
        return List.copyOf(values);
    }
}
