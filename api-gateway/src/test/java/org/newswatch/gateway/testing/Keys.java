package org.newswatch.gateway.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;

/** API keys for tests, created through the gateway's own key API with the test admin key. */
public final class Keys {

    public static final String ADMIN = "Bearer test-admin-key";

    private Keys() {
    }

    /** A new reader key with a rate high enough that a test never meets it; the whole header value. */
    public static String newReader() {
        String key = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\": \"read model test\", \"role\": \"reader\", \"requestsPerMinute\": 100000}")
                .when().post("/api/v1/keys").then().statusCode(201).extract().path("key");
        return "Bearer " + key;
    }
}
