package org.newswatch.gateway.stats;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.newswatch.gateway.article.RequestParameters;
import org.newswatch.gateway.key.KeyResource;
import org.newswatch.problem.Problem;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

/** Counts for charts. */
@Path("/api/v1/stats")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("reader")
@SecurityRequirement(name = KeyResource.SECURITY_SCHEME)
@Tag(name = "Statistics", description = "Counts per day, for charts")
public class StatsResource {

    private final DailyStatsQuery query;
    private final StatsConfig config;
    private final Clock clock = Clock.systemUTC();

    public StatsResource(DailyStatsQuery query, StatsConfig config) {
        this.query = query;
        this.config = config;
    }

    @GET
    @Path("/daily")
    @Operation(summary = "Articles and flagged articles per day and topic", description = """
            For each UTC day of publication from since to until (both inclusive, every day listed, zeros included): how
            many articles were published, how many of them were flagged, and how many were flagged for each topic.
            Without since and until: the last 30 days up to today; at most 366 days.""")
    @APIResponse(responseCode = "200", description = "Counts per day",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DailyStats.class),
                    examples = @ExampleObject(name = "two days", value = """
                            {"since": "2026-11-19", "until": "2026-11-20",
                             "topics": ["icc-sanctions", "judicial-independence"],
                             "days": [{"day": "2026-11-19", "articles": 412, "flagged": 9,
                                       "topics": {"icc-sanctions": 6, "judicial-independence": 4}},
                                      {"day": "2026-11-20", "articles": 398, "flagged": 0,
                                       "topics": {"icc-sanctions": 0, "judicial-independence": 0}}]}""")))
    @APIResponse(responseCode = "400", description = "A malformed date, a reversed or too long range, an unknown parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "too long", value = """
                            {"type": "urn:newswatch:problem:validation", "title": "Bad Request", "status": 400,
                             "detail": "until: the range is at most 366 days",
                             "errors": [{"field": "until", "message": "the range is at most 366 days"}]}""")))
    public DailyStats daily(
            @Parameter(description = "First UTC day, ISO-8601 date (default: 29 days before until)", example = "2026-11-01")
            @QueryParam("since") String since,
            @Parameter(description = "Last UTC day, inclusive (default: today)", example = "2026-11-30")
            @QueryParam("until") String until,
            @Parameter(description = "Topics to count, repeatable or comma-separated (default: every flagged topic)",
                    schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
            @QueryParam("topic") List<String> topic,
            @Context UriInfo uri) {
        RequestParameters params = new RequestParameters(uri.getQueryParameters(), Set.of("since", "until", "topic"),
                Set.of("topic"));
        LocalDate first = params.date("since");
        LocalDate last = params.date("until");
        List<String> topics = params.topics("topic");
        params.validate();
        if (last == null) {
            // "Since the first of the month" means up to today, not a month of empty future days.
            LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
            last = first != null && first.isAfter(today) ? first : today;
        }
        if (first == null) {
            first = last.minusDays(config.defaultDays() - 1L);
        }
        if (last.isBefore(first)) {
            params.refuse("until", "must not be before since");
        } else if (ChronoUnit.DAYS.between(first, last) + 1 > config.maxDays()) {
            params.refuse("until", "the range is at most " + config.maxDays() + " days");
        }
        params.validate();
        return query.count(first, last, topics);
    }
}
