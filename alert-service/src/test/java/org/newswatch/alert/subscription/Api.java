package org.newswatch.alert.subscription;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Requests to the subscription API as the gateway sends them. */
final class Api {

    static final String SERVICE_KEY = "test-service-key";
    static final String PATH = "/api/v1/subscriptions";

    private Api() {
    }

    /** An administrator: the service key, no owner. */
    static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + SERVICE_KEY).contentType(ContentType.JSON);
    }

    /** The gateway acting for {@code owner}. */
    static RequestSpecification as(String owner) {
        return admin().header(SubscriptionResource.OWNER_HEADER, owner);
    }

    static String webhook(String url) {
        return """
                {"name": "ICC alerts", "topics": ["icc-sanctions"], "channel": {"type": "webhook", "url": "%s"}}
                """.formatted(url);
    }
}
