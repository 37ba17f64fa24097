package org.newswatch.testkit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.restassured.response.Response;

/** Checks every newswatch service passes against the running application under test. */
public final class ServiceAssertions {

    /** Name of the readiness check Quarkus registers for the Kafka connection. */
    public static final String KAFKA_CHECK = "Kafka connection health check";
    /** Name of the readiness check Quarkus registers for the datasource. */
    public static final String DATABASE_CHECK = "Database connections health check";

    private ServiceAssertions() {
    }

    /** {@code /q/health} answers UP, and each named check is present and UP. */
    public static void assertHealthUp(String... checks) {
        var response = given().when().get("/q/health").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(checks));
        for (String check : checks) {
            response.body("checks.find { it.name == '" + check + "' }.status", equalTo("UP"));
        }
    }

    /** Waits until {@code /q/health/ready} reports the datasource check {@code status} ("UP" or "DOWN"). */
    public static void awaitDatabaseReadiness(String status, Duration atMost) {
        await("readiness of the database " + status).atMost(atMost).pollInterval(Duration.ofMillis(200))
                .until(() -> status.equals(given().when().get("/q/health/ready").then().extract()
                        .path("checks.find { it.name == '" + DATABASE_CHECK + "' }.status")));
    }

    /**
     * {@code answer} is the 503 problem a service gives while its database is unavailable, with a
     * {@code Retry-After}.
     */
    public static void assertDatabaseUnavailable(Response answer) {
        answer.then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("type", equalTo("urn:newswatch:problem:database-unavailable"))
                .body("status", equalTo(503));
    }

    /** The OpenAPI document, Swagger UI and Prometheus metrics are served. */
    public static void assertOperationalEndpointsServed() {
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("openapi"));
        given().when().get("/q/swagger-ui/").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    /**
     * Flyway applied every migration successfully and the named tables exist.
     *
     * @param migrations the number of migrations the service ships
     */
    public static void assertMigrated(DataSource dataSource, int migrations, String... tables) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (ResultSet rs = connection.createStatement().executeQuery(
                    "SELECT count(*) FILTER (WHERE success), count(*) FROM flyway_schema_history WHERE version IS NOT NULL")) {
                rs.next();
                assertEquals(migrations, rs.getInt(2), "migrations recorded in flyway_schema_history");
                assertEquals(migrations, rs.getInt(1), "successful migrations");
            }
            List<String> missing = new ArrayList<>();
            try (PreparedStatement exists = connection.prepareStatement(
                    "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?")) {
                for (String table : tables) {
                    exists.setString(1, table);
                    try (ResultSet rs = exists.executeQuery()) {
                        if (!rs.next()) {
                            missing.add(table);
                        }
                    }
                }
            }
            assertTrue(missing.isEmpty(), "tables missing after migration: " + missing);
        }
    }
}
