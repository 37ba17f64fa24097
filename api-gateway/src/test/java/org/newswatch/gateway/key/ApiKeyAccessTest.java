package org.newswatch.gateway.key;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.newswatch.testkit.WithTestInfrastructure;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/** Keys and roles over real HTTP against the real database: who gets in, who is refused, and how. */
@QuarkusTest
@WithTestInfrastructure
class ApiKeyAccessTest {

    static final String ADMIN = TestKeys.ADMIN;

    @Inject
    DataSource dataSource;

    static Response createKey(String body) {
        return TestKeys.create(body);
    }

    static String newKey(String role, String owner) {
        return TestKeys.newKey(role, owner);
    }

    @Test
    void noKeyIs401ProblemWithBearerChallenge() {
        // The key list and the "who am I" of any key alike.
        for (String path : new String[] {"/api/v1/keys", "/api/v1/keys/current"}) {
            given().when().get(path)
                    .then().statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", startsWith("Bearer"))
                    .body("type", equalTo("urn:newswatch:problem:missing-key"))
                    .body("status", equalTo(401));
        }
    }

    @Test
    void unknownKeyIs401() {
        given().header("Authorization", "Bearer nwk_not-a-key").when().get("/api/v1/keys")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("urn:newswatch:problem:invalid-key"))
                .body("detail", not(containsString("nwk_not-a-key")));
    }

    @Test
    void otherSchemeIs401() {
        given().header("Authorization", "Basic dXNlcjpwYXNz").when().get("/api/v1/keys")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("detail", containsString("Bearer"));
    }

    @Test
    void adminCreatesKeyShownOnceAndStoredOnlyAsHash() throws SQLException {
        Response created = createKey("{\"name\": \"dashboard\", \"role\": \"reader\"}");
        created.then().statusCode(201)
                .header("Location", containsString("/api/v1/keys/"))
                .body("id", notNullValue())
                .body("name", equalTo("dashboard"))
                .body("role", equalTo("reader"))
                .body("key", startsWith(ApiKeySecret.PREFIX))
                .body("createdAt", notNullValue());
        String id = created.path("id");
        String key = created.path("key");
        assertEquals(id, created.path("owner"), "a key without an owner owns its own subscriptions");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT key_hash FROM api_key WHERE id = ?")) {
            select.setObject(1, UUID.fromString(id));
            try (ResultSet rs = select.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(ApiKeySecret.hash(key), rs.getString(1));
                assertFalse(rs.getString(1).contains(key));
            }
        }
        given().header("Authorization", ADMIN).when().get("/api/v1/keys/" + id)
                .then().statusCode(200)
                .body("key", nullValue())
                .body("keyHash", nullValue())
                .body("role", equalTo("reader"));
        String list = given().header("Authorization", ADMIN).queryParam("limit", 200).when().get("/api/v1/keys")
                .then().statusCode(200).body("items.id", hasItem(id)).extract().asString();
        assertFalse(list.contains(key), "the list never shows a secret");
        assertFalse(list.contains(ApiKeySecret.hash(key)), "nor a hash");
    }

    @Test
    void keyWithSharedOwnerKeepsIt() {
        createKey("{\"name\": \"ngo\", \"role\": \"subscriber\", \"owner\": \"ngo-42\"}")
                .then().statusCode(201).body("owner", equalTo("ngo-42")).body("role", equalTo("subscriber"));
    }

    @Test
    void readerKeyMayNotManageKeys() {
        String reader = newKey("reader", null);
        given().header("Authorization", "Bearer " + reader).contentType(ContentType.JSON)
                .body("{\"name\": \"x\", \"role\": \"admin\"}")
                .when().post("/api/v1/keys")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:newswatch:problem:forbidden-role"))
                .body("detail", containsString("reader"));
    }

    @Test
    void subscriberKeyMayNotManageKeys() {
        String subscriber = newKey("subscriber", "org-7");
        given().header("Authorization", "Bearer " + subscriber).when().get("/api/v1/keys")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void revokedKeyIs401AtOnce() {
        Response created = createKey("{\"name\": \"to revoke\", \"role\": \"admin\"}");
        String id = created.path("id");
        String key = created.path("key");
        given().header("Authorization", "Bearer " + key).when().get("/api/v1/keys").then().statusCode(200);
        given().header("Authorization", ADMIN).when().delete("/api/v1/keys/" + id).then().statusCode(204);
        given().header("Authorization", "Bearer " + key).when().get("/api/v1/keys")
                .then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("urn:newswatch:problem:invalid-key"));
        given().header("Authorization", ADMIN).when().get("/api/v1/keys/" + id)
                .then().statusCode(200).body("revokedAt", notNullValue());
        given().header("Authorization", ADMIN).when().delete("/api/v1/keys/" + id).then().statusCode(204);
    }

    @Test
    void revokingAnUnknownKeyIs404() {
        given().header("Authorization", ADMIN).when().delete("/api/v1/keys/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void unknownFieldIs400NamingIt() {
        createKey("{\"name\": \"x\", \"role\": \"reader\", \"isAdmin\": true}")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("isAdmin"))
                .body("errors[0].message", startsWith("unknown field"));
    }

    @Test
    void wrongTypesAre400NamingTheField() {
        createKey("{\"name\": \"x\", \"role\": 2}")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("role"));
        createKey("{\"name\": \"x\", \"role\": \"reader\", \"requestsPerMinute\": \"60\"}")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("requestsPerMinute"));
        createKey("[\"reader\"]").then().statusCode(400).contentType("application/problem+json");
        createKey("{\"name\": ").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:newswatch:problem:malformed-body"));
    }

    @Test
    void invalidValuesAre400ListingEveryField() {
        createKey("{\"name\": \" \", \"role\": \"superuser\", \"owner\": \"a\\r\\nX-Evil: 1\", \"requestsPerMinute\": 0}")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:newswatch:problem:validation"))
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("role"))
                .body("errors.field", hasItem("owner"))
                .body("errors.field", hasItem("requestsPerMinute"));
        createKey("{\"name\": \"x'; DROP TABLE api_key; --\", \"role\": \"reader' OR '1'='1\"}")
                .then().statusCode(400).body("errors.field", hasItem("role"));
    }

    @Test
    void htmlInNameIsStoredAsTextAndReturnedAsJson() {
        createKey("{\"name\": \"<script>alert(1)</script>\", \"role\": \"reader\"}")
                .then().statusCode(201).contentType(ContentType.JSON).body("name", equalTo("<script>alert(1)</script>"));
    }

    @Test
    void keyListPagesWithCursorAndRefusesForeignCursor() {
        for (int i = 0; i < 3; i++) {
            newKey("reader", null);
        }
        Response first = given().header("Authorization", ADMIN).queryParam("limit", 2).when().get("/api/v1/keys");
        first.then().statusCode(200).body("items.size()", equalTo(2)).body("nextCursor", notNullValue());
        String cursor = first.path("nextCursor");
        given().header("Authorization", ADMIN).queryParam("limit", 2).queryParam("cursor", cursor)
                .when().get("/api/v1/keys")
                .then().statusCode(200).body("items.id", not(hasItem((String) first.path("items[0].id"))));
        given().header("Authorization", ADMIN).queryParam("cursor", "' OR 1=1 --").when().get("/api/v1/keys")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:newswatch:problem:invalid-cursor"));
        given().header("Authorization", ADMIN).queryParam("limit", "lots").when().get("/api/v1/keys")
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
    }

    @Test
    void configuredAdminKeyWasSeededOnce() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT count(*), min(role) FROM api_key WHERE key_hash = ?")) {
            select.setString(1, ApiKeySecret.hash("test-admin-key"));
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                assertEquals(1, rs.getInt(1));
                assertEquals("admin", rs.getString(2));
            }
        }
    }

    @Test
    void keyInsertedWithV1ColumnsOnlyAuthenticatesAndOwnsItself() throws SQLException {
        String key = ApiKeySecret.generate();
        UUID id = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO api_key (id, name, role, key_hash) VALUES (?, 'v1 row', 'admin', ?)")) {
            insert.setObject(1, id);
            insert.setString(2, ApiKeySecret.hash(key));
            insert.executeUpdate();
        }
        given().header("Authorization", "Bearer " + key).when().get("/api/v1/keys/" + id)
                .then().statusCode(200).body("owner", equalTo(id.toString()));
    }

    @Test
    void keyOverItsRateIs429WithRetryAfter() {
        String key = createKey("{\"name\": \"slow\", \"role\": \"admin\", \"requestsPerMinute\": 3}")
                .then().statusCode(201).body("requestsPerMinute", equalTo(3)).extract().path("key");
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", "Bearer " + key).when().get("/api/v1/keys").then().statusCode(200);
        }
        given().header("Authorization", "Bearer " + key).when().get("/api/v1/keys")
                .then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("type", equalTo("urn:newswatch:problem:rate-limited"))
                .body("retryAfterSeconds", org.hamcrest.Matchers.greaterThan(0));
        // Another key is not charged for it.
        given().header("Authorization", ADMIN).when().get("/api/v1/keys").then().statusCode(200);
    }

    @Test
    void endpointWithoutAnnotationsNeedsAReaderKey() {
        given().when().get("/api/v1/test-probe/unannotated")
                .then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer " + newKey("reader", null)).when().get("/api/v1/test-probe/unannotated")
                .then().statusCode(200).body(equalTo("reached"));
    }

    @Test
    void everyRoleReadsItsOwnKeyAsCurrent() {
        for (String role : new String[] {"reader", "subscriber", "admin"}) {
            Response created = createKey("{\"name\": \"who am I " + role + "\", \"role\": \"" + role
                    + "\", \"owner\": \"org-" + role + "\"}");
            created.then().statusCode(201);
            String key = created.path("key");
            String answer = given().header("Authorization", "Bearer " + key).when().get("/api/v1/keys/current")
                    .then().statusCode(200)
                    .contentType(ContentType.JSON)
                    .body("id", equalTo(created.path("id")))
                    .body("name", equalTo("who am I " + role))
                    .body("role", equalTo(role))
                    .body("owner", equalTo("org-" + role))
                    .body("createdAt", equalTo(created.path("createdAt")))
                    .body("requestsPerMinute", nullValue())
                    .body("revokedAt", nullValue())
                    .body("key", nullValue())
                    .extract().asString();
            assertFalse(answer.contains(key), "never the secret");
            assertFalse(answer.contains(ApiKeySecret.hash(key)), "nor its hash");
        }
    }

    @Test
    void currentKeyShowsItsOwnRateAndDefaultOwner() {
        Response created = createKey("{\"name\": \"bot\", \"role\": \"reader\", \"requestsPerMinute\": 120}");
        created.then().statusCode(201);
        given().header("Authorization", "Bearer " + created.path("key")).when().get("/api/v1/keys/current")
                .then().statusCode(200)
                .body("id", equalTo(created.path("id")))
                .body("owner", equalTo(created.path("id")))
                .body("requestsPerMinute", equalTo(120));
    }

    @Test
    void currentKeyNeedsAValidKeyAndOpensNoOtherKey() {
        given().header("Authorization", "Bearer nwk_not-a-key").when().get("/api/v1/keys/current")
                .then().statusCode(401)
                .body("type", equalTo("urn:newswatch:problem:invalid-key"));
        // Only the literal path is open to every key: another key's record stays admin-only.
        String reader = newKey("reader", null);
        String other = createKey("{\"name\": \"other\", \"role\": \"reader\"}").then().statusCode(201)
                .extract().path("id");
        given().header("Authorization", "Bearer " + reader).when().get("/api/v1/keys/" + other)
                .then().statusCode(403).body("type", equalTo("urn:newswatch:problem:forbidden-role"));
    }

    @Test
    void operationalEndpointsNeedNoKey() {
        given().when().get("/q/health").then().statusCode(200);
        given().when().get("/q/openapi").then().statusCode(200);
    }
}
