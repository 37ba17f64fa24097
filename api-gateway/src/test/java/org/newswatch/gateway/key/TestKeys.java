package org.newswatch.gateway.key;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Keys for tests, made through the API with the test profile's configured admin key. */
public final class TestKeys {

    /** The Authorization value of the configured admin key ({@code %test.newswatch.gateway.admin-key}). */
    public static final String ADMIN = "Bearer test-admin-key";

    private TestKeys() {
    }

    /** {@code POST /api/v1/keys} with this body, as the admin. */
    public static Response create(String body) {
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/keys");
    }

    /** A new key's secret; a null owner leaves the key its own owner. */
    public static String newKey(String role, String owner) {
        String body = "{\"name\": \"test " + role + "\", \"role\": \"" + role + "\""
                + (owner == null ? "" : ", \"owner\": \"" + owner + "\"") + "}";
        return create(body).then().statusCode(201).extract().path("key");
    }
}
