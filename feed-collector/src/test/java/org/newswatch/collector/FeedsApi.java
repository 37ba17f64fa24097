package org.newswatch.collector;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** The registry API as tests drive it: with the test service key, waiting for polls with Awaitility. */
public final class FeedsApi {

    public static final String SERVICE_KEY = "Bearer test-service-key";

    private FeedsApi() {
    }

    public static RequestSpecification admin() {
        return given().header("Authorization", SERVICE_KEY);
    }

    /** Adds a feed and answers its id. */
    public static String add(String url) {
        return admin().contentType(ContentType.JSON).body(Map.of("url", url))
                .when().post("/api/v1/feeds").then().statusCode(201).extract().path("id");
    }

    public static JsonPath feed(String id) {
        return given().get("/api/v1/feeds/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** Waits until the feed has been polled (once more than when {@code previousPollAt} was read, if given). */
    public static JsonPath awaitPolled(String id, String previousPollAt) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            String polled = feed(id).getString("health.lastPolledAt");
            return polled != null && !Objects.equals(polled, previousPollAt);
        });
        return feed(id);
    }

    public static JsonPath awaitPolled(String id) {
        return awaitPolled(id, null);
    }

    /** Asks for a poll now and waits for it. */
    public static JsonPath pollNowAndWait(String id) {
        String before = feed(id).getString("health.lastPolledAt");
        admin().when().post("/api/v1/feeds/" + id + "/poll").then().statusCode(202);
        return awaitPolled(id, before);
    }
}
