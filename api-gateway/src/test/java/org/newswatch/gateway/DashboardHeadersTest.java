package org.newswatch.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.newswatch.gateway.testing.Keys;
import org.newswatch.testkit.WithTestInfrastructure;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * The dashboard's static files (/, /index.html, /dashboard/*) come without a key and with the security headers of
 * application.properties; nothing else gets them (Swagger UI's inline scripts would break, /api stays as it was).
 */
@QuarkusTest
@WithTestInfrastructure
class DashboardHeadersTest {

    static final Map<String, String> DASHBOARD_HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                    + " connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none';"
                    + " frame-ancestors 'none'; require-trusted-types-for 'script'",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "Cache-Control", "no-cache");

    static ValidatableResponse withDashboardHeaders(ValidatableResponse response) {
        DASHBOARD_HEADERS.forEach(response::header);
        return response;
    }

    @Test
    void pageAndAssetsComeWithoutKeyAndWithTheHeaders() {
        for (String path : new String[] {"/", "/index.html"}) {
            withDashboardHeaders(given().redirects().follow(false).when().get(path).then().statusCode(200))
                    .contentType(containsString("text/html"))
                    .body(containsString("<title>newswatch</title>"));
        }
        withDashboardHeaders(given().when().get("/dashboard/dashboard.css").then().statusCode(200))
                .contentType(containsString("text/css"));
    }

    @Test
    void browsersRevalidateRatherThanKeepAStaleCopy() {
        String lastModified = given().when().get("/dashboard/dashboard.css").then().statusCode(200)
                .header("Last-Modified", notNullValue()).extract().header("Last-Modified");
        withDashboardHeaders(given().header("If-Modified-Since", lastModified).when().get("/dashboard/dashboard.css")
                .then().statusCode(304));
    }

    @Test
    void otherPathsDoNotGetThem() {
        given().when().get("/q/health").then().statusCode(200).header("Content-Security-Policy", nullValue());
        given().when().get("/q/swagger-ui/").then().statusCode(200).header("Content-Security-Policy", nullValue());
        given().when().get("/api/v1/keys/current").then().statusCode(401)
                .header("Content-Security-Policy", nullValue());
        given().header("Authorization", Keys.ADMIN).when().get("/api/v1/keys/current")
                .then().statusCode(200)
                .header("Content-Security-Policy", nullValue())
                .header("Referrer-Policy", nullValue())
                .body("role", equalTo("admin"));
        // A path that merely starts like a dashboard path is not one.
        given().when().get("/dashboard-not").then().header("Content-Security-Policy", nullValue());
    }
}
