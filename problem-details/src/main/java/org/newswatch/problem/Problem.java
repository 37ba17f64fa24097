package org.newswatch.problem;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem detail, as every newswatch service answers errors.
 *
 * <p>{@code type} is a URN naming the problem ({@code urn:newswatch:problem:<slug>}) so that clients can branch
 * on it; {@code title} is the HTTP reason; {@code detail} says what was wrong with this request.
 * {@code errors} lists refused fields for validation problems; {@code extensions} carry other machine-readable
 * details (the stage at which a feed failed, say) as top-level members.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors,
        @JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "urn:newswatch:problem:";
    public static final String VALIDATION = "validation";

    /** The members RFC 9457 and this class define; an extension may not take their names. */
    private static final Set<String> MEMBERS = Set.of("type", "title", "status", "detail", "instance", "errors");

    /** One refused field: a JSON path such as {@code topics[1]} or {@code channel.url}, and why. */
    public record FieldError(String field, String message) {
    }

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
        // Insertion order kept, so that members come out in the order with() added them, on every JVM.
        extensions = extensions == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    /** A problem of the given status, its type named by {@code slug} and its title the status's reason. */
    public static Problem of(int status, String slug, String detail) {
        return new Problem(TYPE_PREFIX + slug, reason(status), status, detail, List.of(), Map.of());
    }

    /** A problem whose type is the status's reason itself ({@code 404} is {@code urn:newswatch:problem:not-found}). */
    public static Problem of(int status, String detail) {
        return of(status, slugOf(status), detail);
    }

    /** A 400 listing every refused field; the detail joins them so that a human reads them all at once. */
    public static Problem invalid(List<FieldError> errors) {
        String detail = String.join("; ", errors.stream().map(e -> e.field() + ": " + e.message()).toList());
        return new Problem(TYPE_PREFIX + VALIDATION, reason(400), 400, detail, errors, Map.of());
    }

    /** This problem with one more extension member; a null value leaves it unchanged. */
    public Problem with(String name, Object value) {
        if (MEMBERS.contains(name)) {
            throw new IllegalArgumentException("'" + name + "' is a member of every problem, not an extension");
        }
        if (value == null) {
            return this;
        }
        var more = new LinkedHashMap<String, Object>(extensions);
        more.put(name, value);
        return new Problem(type, title, status, detail, errors, more);
    }

    /** The slug of {@code type}, or the whole type when it is not one of ours. */
    @JsonIgnore
    public String slug() {
        return type.startsWith(TYPE_PREFIX) ? type.substring(TYPE_PREFIX.length()) : type;
    }

    @JsonAnyGetter
    public Map<String, Object> jsonExtensions() {
        return extensions;
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }

    static String reason(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        if (known != null) {
            return known.getReasonPhrase();
        }
        return switch (status) {
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            default -> "HTTP " + status;
        };
    }

    static String slugOf(int status) {
        return reason(status).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
