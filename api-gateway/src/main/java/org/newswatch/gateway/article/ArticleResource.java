package org.newswatch.gateway.article;

import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.newswatch.gateway.key.KeyResource;
import org.newswatch.problem.Problem;
import org.newswatch.problem.ProblemException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

/** Search and read the article read model. */
@Path("/api/v1/articles")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("reader")
@SecurityRequirement(name = KeyResource.SECURITY_SCHEME)
@Tag(name = "Articles", description = "Every classified article, flagged or not, with scores and evidence")
public class ArticleResource {

    static final Set<String> PARAMETERS = Set.of("q", "topic", "flagged", "minScore", "source", "lang", "since",
            "until", "cursor", "limit");

    private static final String PAGE_EXAMPLE = """
            {"items": [{"id": "3f2a9c1e0b7d4e8a", "title": "Washington sanctionne des juges de la CPI",
              "url": "https://www.example.org/monde/cpi-sanctions", "source": "Example Monde", "feedId": "f-12",
              "language": "fr", "publishedAt": "2026-11-20T08:00:00Z", "collectedAt": "2026-11-20T08:01:10Z",
              "classifiedAt": "2026-11-20T08:01:11Z", "flagged": true,
              "topics": [{"topic": "icc-sanctions", "score": 0.97, "flagged": true, "evidence": [
                  {"field": "title", "start": 11, "end": 41, "text": "sanctionne des juges de la CPI", "rule": "sanction-court"}]},
                {"topic": "judicial-independence", "score": 0.12, "flagged": false, "evidence": []}],
              "summary": "Les avoirs de deux juges de la Cour pénale internationale sont gelés.",
              "snippet": {"text": "Les avoirs de deux juges de la Cour pénale internationale sont gelés.",
                          "highlights": [{"start": 19, "end": 24}]}}],
             "nextCursor": "djE6MTc2MzYyNTYwMDAwMDAwMDo0YjFjMmQzZTRmNWE6M2YyYTljMWUwYjdkNGU4YQ"}
            """;
    private static final String INVALID_EXAMPLE = """
            {"type": "urn:newswatch:problem:validation", "title": "Bad Request", "status": 400,
             "detail": "minScore: must be between 0 and 1; topics: unknown parameter; this endpoint takes cursor, flagged, lang, limit, minScore, q, since, source, topic, until",
             "errors": [{"field": "minScore", "message": "must be between 0 and 1"},
                        {"field": "topics", "message": "unknown parameter; this endpoint takes cursor, flagged, lang, limit, minScore, q, since, source, topic, until"}]}
            """;
    private static final String DETAIL_EXAMPLE = """
            {"id": "3f2a9c1e0b7d4e8a", "title": "Washington sanctionne des juges de la CPI",
             "url": "https://www.example.org/monde/cpi-sanctions", "source": "Example Monde", "feedId": "f-12",
             "language": "fr", "publishedAt": "2026-11-20T08:00:00Z", "collectedAt": "2026-11-20T08:01:10Z",
             "classifiedAt": "2026-11-20T08:01:11Z", "flagged": true, "classifierVersion": "rules-2026.11.1",
             "topics": [{"topic": "icc-sanctions", "score": 0.97, "flagged": true, "evidence": [
                 {"field": "title", "start": 11, "end": 41, "text": "sanctionne des juges de la CPI", "rule": "sanction-court"}]},
               {"topic": "judicial-independence", "score": 0.12, "flagged": false, "evidence": []}],
             "summary": "Les avoirs de deux juges de la Cour pénale internationale sont gelés.",
             "content": "Les avoirs de deux juges de la Cour pénale internationale sont gelés …"}
            """;
    private static final String NOT_FOUND_EXAMPLE = """
            {"type": "urn:newswatch:problem:not-found", "title": "Not Found", "status": 404,
             "detail": "no article 3f2a9c1e0b7d4e8a"}
            """;

    private static final String TIMEOUT_EXAMPLE = """
            {"type": "urn:newswatch:problem:search-timeout", "title": "Service Unavailable", "status": 503,
             "detail": "the search took longer than 5 s and was cancelled; narrow it (lang, since, until, topic) or try again"}
            """;

    private final ArticleSearch search;
    private final ArticleApiConfig config;

    public ArticleResource(ArticleSearch search, ArticleApiConfig config) {
        this.search = search;
        this.config = config;
    }

    @GET
    @Operation(summary = "Search and filter articles", description = """
            Every classified article, newest first (published time, then id), a page at a time, each with every
            topic's score, flag and evidence (why it was flagged: field, UTF-16 start and end, text, rule). Filters
            combine with AND. q is full text in web-search syntax: words (all must occur), "a quoted phrase", `or`, and -word to
            exclude; stems and accents are folded in the article's language (with lang, in that language only;
            without, in every supported language at once). Continue with nextCursor and the same filters; a cursor
            used with other filters is refused. Unknown parameters are refused, so that a typo never widens the
            result.""")
    @APIResponse(responseCode = "200", description = "A page of articles; nextCursor is absent on the last page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ArticlePage.class),
                    examples = @ExampleObject(name = "page", value = PAGE_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "A refused parameter, each named in errors",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "invalid", value = INVALID_EXAMPLE)))
    @APIResponse(responseCode = "503", description = "The search took longer than query-timeout (5 s) and was cancelled",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "timeout", value = TIMEOUT_EXAMPLE)))
    public ArticlePage list(
            @Parameter(description = "Full text, web-search syntax: sanctions \"rule of law\" -football",
                    example = "sanctions CPI") @QueryParam("q") String q,
            @Parameter(description = "Topic id, repeatable or comma-separated; articles flagged for any of them "
                    + "(or, with minScore, whose score for any of them is at least minScore)",
                    schema = @Schema(type = SchemaType.ARRAY, implementation = String.class),
                    example = "icc-sanctions") @QueryParam("topic") List<String> topic,
            @Parameter(description = "true: flagged for some topic; false: flagged for none") @QueryParam("flagged") String flagged,
            @Parameter(description = "0 to 1; with topic, that topic's score, else any topic's score",
                    schema = @Schema(type = SchemaType.NUMBER, minimum = "0", maximum = "1")) @QueryParam("minScore") String minScore,
            @Parameter(description = "Exact source name, as in the source field of an item") @QueryParam("source") String source,
            @Parameter(description = "ISO 639-1 language (en, fr, es, de, nl, …, or und)", example = "fr")
            @QueryParam("lang") String lang,
            @Parameter(description = "Published at or after: ISO-8601 instant (2026-11-20T08:00:00Z) or UTC date",
                    example = "2026-11-01") @QueryParam("since") String since,
            @Parameter(description = "Published before this instant; a date includes that whole UTC day",
                    example = "2026-11-30") @QueryParam("until") String until,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Articles per page, 1 to 100 (default 20)",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20"))
            @QueryParam("limit") String limit,
            @Context UriInfo uri) {
        RequestParameters params = new RequestParameters(uri.getQueryParameters(), PARAMETERS, Set.of("topic"));
        ArticleQuery query = new ArticleQuery(params.text("q", config.maxQueryLength()), params.language("lang"),
                params.topics("topic"), params.bool("flagged"), params.fraction("minScore"),
                params.text("source", 500), params.instant("since", false), params.instant("until", true), null,
                params.integer("limit", config.defaultLimit(), 1, config.maxLimit()));
        if (query.since() != null && query.until() != null && !query.since().isBefore(query.until())) {
            params.refuse("until", "must be after since");
        }
        params.validate();
        String cursorText = params.text("cursor");
        if (cursorText != null) {
            query = query.after(ArticleCursor.decode(cursorText, query.fingerprint()));
        }
        return search.search(query);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One article with its classification", description = """
            The article as collected (title, summary, content, canonical URL, source, dates) with the classification
            as published: every topic's score and flag, the evidence that made each score (field, start and end as
            UTF-16 offsets in that field, the matched text, the rule), and the classifier version.""")
    @APIResponse(responseCode = "200", description = "The article",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ArticleDetail.class),
                    examples = @ExampleObject(name = "article", value = DETAIL_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No article with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown", value = NOT_FOUND_EXAMPLE)))
    @APIResponse(responseCode = "503", description = "The search took longer than query-timeout (5 s) and was cancelled",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "timeout", value = TIMEOUT_EXAMPLE)))
    public ArticleDetail get(
            @Parameter(description = "Article id, as in the id of a list item", in = ParameterIn.PATH)
            @PathParam("id") String id,
            @Context UriInfo uri) {
        new RequestParameters(uri.getQueryParameters(), Set.of(), Set.of()).validate();
        if (id.length() > 200) {
            throw ProblemException.notFound("no article with such an id");
        }
        return search.find(id).orElseThrow(() -> ProblemException.notFound("no article " + id));
    }
}
