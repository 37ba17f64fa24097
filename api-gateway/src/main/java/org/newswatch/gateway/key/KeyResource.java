package org.newswatch.gateway.key;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.newswatch.problem.Problem;
import org.newswatch.problem.ProblemException;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /api/v1/keys}: API keys, for administrators only, except {@code /current}, which any key may read about
 * itself. The secret of a key is shown once, at creation.
 */
@Path("/api/v1/keys")
@RolesAllowed(KeyRole.ADMIN_NAME)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "keys", description = "API keys and their roles (admin; any key reads its own)")
@SecurityScheme(securitySchemeName = KeyResource.SECURITY_SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API key: Authorization: Bearer nwk_... Roles: admin (feeds, all subscriptions, keys), "
                + "subscriber (its owner's subscriptions), reader (articles, stats, stream, topics, classify); "
                + "each role includes the ones after it.")
@SecurityRequirement(name = KeyResource.SECURITY_SCHEME)
public class KeyResource {

    public static final String SECURITY_SCHEME = "apiKey";
    static final int MAX_NAME = 200;
    static final int MAX_RATE = 100_000;
    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 200;
    /** Owners travel in an HTTP header to the alert service: a plain token, nothing a header could be split with. */
    static final Pattern OWNER = Pattern.compile("[A-Za-z0-9._@:+-]{1,200}");

    private static final String NOT_ADMIN = "The key is not an admin key";
    private static final String CURRENT_EXAMPLE = "{\"id\": \"5f0c6f1e-8d1a-4c51-9a55-0f7b1f2d9c11\","
            + " \"name\": \"NGO 42 dashboard\", \"role\": \"subscriber\", \"owner\": \"ngo-42\","
            + " \"createdAt\": \"2026-11-23T19:30:00Z\"}";
    private static final String CREATE_EXAMPLE = "{\"name\": \"NGO 42 dashboard\", \"role\": \"subscriber\","
            + " \"owner\": \"ngo-42\"}";
    private static final String CREATED_EXAMPLE = "{\"id\": \"5f0c6f1e-8d1a-4c51-9a55-0f7b1f2d9c11\","
            + " \"name\": \"NGO 42 dashboard\", \"role\": \"subscriber\", \"owner\": \"ngo-42\","
            + " \"key\": \"nwk_q5Hc0m2bVf7kqgQ2S0m7yTt1m5o0hQe3v9kZr4wXy6A\", \"createdAt\": \"2026-11-23T19:30:00Z\"}";

    /** {@code POST /keys}. */
    @Schema(description = "A key to create")
    public record CreateKey(
            @Schema(description = "What the key is for (1 to 200 characters)", examples = "NGO 42 dashboard",
                    required = true) String name,
            @Schema(description = "admin, subscriber or reader", examples = "reader", required = true) String role,
            @Schema(description = "Whose subscriptions a subscriber key reaches (letters, digits, . _ @ : + -); keys"
                    + " with the same owner share them. Default: the new key's id.", examples = "ngo-42") String owner,
            @Schema(description = "This key's own rate limit in requests per minute (default: the gateway's)",
                    examples = "120") Integer requestsPerMinute) {
    }

    /** A key as listed: never its secret nor its hash. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "An API key (without its secret)")
    public record KeyView(UUID id, String name, @Schema(examples = "reader") String role, String owner,
            Integer requestsPerMinute, Instant createdAt, Instant revokedAt) {

        static KeyView of(ApiKey key) {
            return new KeyView(key.id(), key.name(), key.role().value(), key.owner(), key.requestsPerMinute(),
                    key.createdAt(), key.revokedAt());
        }
    }

    /** The answer of {@code POST /keys}: the key with its secret, shown only here. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "A new API key; key is its secret, shown only in this answer")
    public record CreatedKey(UUID id, String name, String role, String owner, Integer requestsPerMinute,
            @Schema(description = "The secret to send as Authorization: Bearer <key>; it cannot be shown again")
            String key, Instant createdAt) {
    }

    /** A page of keys, newest first; {@code nextCursor} is absent on the last page. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Page(List<KeyView> items, String nextCursor) {
    }

    private final ApiKeyRepository keys;
    private final CurrentIdentityAssociation identity;

    public KeyResource(ApiKeyRepository keys, CurrentIdentityAssociation identity) {
        this.keys = keys;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an API key",
            description = "Creates a key with a role. The answer is the only place its secret (key) is ever shown:"
                    + " only a hash is stored.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = CreateKey.class),
            examples = @ExampleObject(name = "subscriber key of an organisation", value = CREATE_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "The key, with its secret",
            content = @Content(schema = @Schema(implementation = CreatedKey.class),
                    examples = @ExampleObject(name = "created", value = CREATED_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "A field is missing, unknown, of the wrong type or not acceptable;"
            + " errors names each",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = NOT_ADMIN,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(CreateKey request) {
        if (request == null) {
            throw ProblemException.badRequest("missing-body", "a JSON body {\"name\": ..., \"role\": ...} is required");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty()) {
            errors.add(new Problem.FieldError("name", "is required"));
        } else if (name.length() > MAX_NAME) {
            errors.add(new Problem.FieldError("name", "is longer than " + MAX_NAME + " characters"));
        }
        KeyRole role = KeyRole.of(request.role()).orElse(null);
        if (role == null) {
            errors.add(new Problem.FieldError("role", request.role() == null ? "is required: admin, subscriber or reader"
                    : "must be admin, subscriber or reader"));
        }
        String owner = request.owner() == null ? null : request.owner().strip();
        if (owner != null && !OWNER.matcher(owner).matches()) {
            errors.add(new Problem.FieldError("owner", "must be 1 to 200 letters, digits or . _ @ : + -"));
        }
        Integer rate = request.requestsPerMinute();
        if (rate != null && (rate < 1 || rate > MAX_RATE)) {
            errors.add(new Problem.FieldError("requestsPerMinute", "must be from 1 to " + MAX_RATE));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        String secret = ApiKeySecret.generate();
        ApiKey key = keys.insert(UUID.randomUUID(), name, role, owner, rate, ApiKeySecret.hash(secret));
        return Response.created(URI.create("/api/v1/keys/" + key.id()))
                .entity(new CreatedKey(key.id(), key.name(), key.role().value(), key.owner(), key.requestsPerMinute(),
                        secret, key.createdAt()))
                .build();
    }

    @GET
    @Operation(summary = "List API keys", description = "Every key, revoked ones included, newest first, a page at a"
            + " time. Secrets and hashes are never shown.")
    @APIResponse(responseCode = "200", description = "A page of keys",
            content = @Content(schema = @Schema(implementation = Page.class)))
    @APIResponse(responseCode = "400", description = "limit out of range, or a cursor this list did not give out",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = NOT_ADMIN,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page list(@Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "page size, 1 to 200 (default 50)") @QueryParam("limit") String limit) {
        int size = pageSize(limit);
        try {
            ApiKeyRepository.Page page = keys.list(cursor == null || cursor.isBlank() ? null : cursor, size);
            return new Page(page.keys().stream().map(KeyView::of).toList(), page.next());
        } catch (ApiKeyRepository.UnknownCursorException e) {
            throw ProblemException.badRequest("invalid-cursor", e.getMessage());
        }
    }

    // A literal path: JAX-RS prefers it to {id}, which takes UUIDs only.
    @GET
    @Path("current")
    @RolesAllowed(KeyRole.READER_NAME)
    @Operation(summary = "The calling key", description = "Who am I: the id, name, role, owner and creation time of"
            + " the key that makes the call (with requestsPerMinute when it has its own rate), never its secret nor"
            + " its hash. Any key may ask; a client uses the role to know what it may do: reader (articles, stats,"
            + " stream, topics, classify), subscriber (and its owner's subscriptions), admin (and feeds and keys).")
    @APIResponse(responseCode = "200", description = "The calling key",
            content = @Content(schema = @Schema(implementation = KeyView.class),
                    examples = @ExampleObject(name = "subscriber key", value = CURRENT_EXAMPLE)))
    public KeyView current() {
        KeyCaller caller = KeyCaller.of(identity.getIdentity())
                .orElseThrow(() -> new IllegalStateException("no key caller behind @RolesAllowed"));
        return keys.find(caller.keyId()).map(KeyView::of)
                .orElseThrow(() -> new IllegalStateException("the calling key " + caller.keyId() + " is not stored"));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One API key", description = "The key's name, role, owner and whether it is revoked.")
    @APIResponse(responseCode = "200", description = "The key", content = @Content(schema = @Schema(implementation = KeyView.class)))
    @APIResponse(responseCode = "404", description = "No such key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = NOT_ADMIN,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public KeyView get(@PathParam("id") UUID id) {
        return keys.find(id).map(KeyView::of).orElseThrow(() -> ProblemException.notFound("there is no key " + id));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke an API key", description = "The key is refused (401) from now on. Revoking a revoked"
            + " key changes nothing; the key stays listed with its revocation time.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "No such key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = NOT_ADMIN,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response revoke(@PathParam("id") UUID id) {
        keys.revoke(id).orElseThrow(() -> ProblemException.notFound("there is no key " + id));
        return Response.noContent().build();
    }

    private static int pageSize(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_PAGE;
        }
        try {
            int size = Integer.parseInt(limit.strip());
            if (size >= 1 && size <= MAX_PAGE) {
                return size;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalid(List.of(new Problem.FieldError("limit", "must be a whole number from 1 to "
                + MAX_PAGE)));
    }
}
