package org.newswatch.alert.preview;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newswatch.alert.article.ArticleRepository;
import org.newswatch.alert.matching.Stories;
import org.newswatch.testkit.WithTestInfrastructure;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;

/** Previews answer from the stored articles with the rules of live matching. */
@QuarkusTest
@WithTestInfrastructure
class PreviewTest {

    private static final String PATH = "/api/v1/subscriptions";

    @Inject
    ArticleRepository articles;

    private final String owner = "preview-" + UUID.randomUUID();
    private String recentFrench;
    private String oldFrench;
    private String recentUnflagged;
    private String recentEnglish;

    private RequestSpecification api() {
        return given().header("Authorization", "Bearer test-service-key").header("X-Newswatch-Owner", owner)
                .contentType(ContentType.JSON);
    }

    @BeforeEach
    void storeArticles() {
        Instant now = Instant.now();
        recentFrench = store(1, 0.9, 0.3, now.minus(Duration.ofDays(2)));
        oldFrench = store(11, 0.7, 0.8, now.minus(Duration.ofDays(20)));
        recentUnflagged = store(7, 0.2, 0.4, now.minus(Duration.ofDays(1)));
        recentEnglish = store(0, 0.95, 0.1, now.minus(Duration.ofHours(3)));
    }

    private String store(int story, double icc, double judicial, Instant classifiedAt) {
        String id = "preview-" + UUID.randomUUID();
        articles.upsert(Stories.classified(Stories.all().get(story), id, icc, judicial, classifiedAt));
        return id;
    }

    @Test
    void previewsAStoredSubscriptionOverTheLastDays() {
        String id = api().body("""
                {"topics": ["icc-sanctions"], "languages": ["fr"], "keywords": ["Cour pénale internationale", "Kinshasa"],
                 "channel": {"type": "webhook", "url": "https://127.0.0.1/preview"}}""")
                .post(PATH).then().statusCode(201).extract().path("id");

        api().queryParam("days", 7).queryParam("limit", 200).post(PATH + "/" + id + "/preview").then().statusCode(200)
                .body("days", equalTo(7))
                .body("items.articleId", hasItem(recentFrench))
                .body("items.articleId", not(hasItem(oldFrench)))
                .body("items.articleId", not(hasItem(recentUnflagged)))
                .body("items.articleId", not(hasItem(recentEnglish)))
                .body("items.find { it.articleId == '" + recentFrench + "' }.topics[0].topic", equalTo("icc-sanctions"))
                .body("items.find { it.articleId == '" + recentFrench + "' }.topics[0].score", equalTo(0.9f))
                .body("items.find { it.articleId == '" + recentFrench + "' }.keywords", equalTo(java.util.List.of(
                        "Cour pénale internationale")))
                .body("items.find { it.articleId == '" + recentFrench + "' }.source", equalTo("Le Monde"));

        // A longer look back finds the older story; days may come in the body too.
        api().body("{\"days\": 30}").queryParam("limit", 200).post(PATH + "/" + id + "/preview").then().statusCode(200)
                .body("days", equalTo(30)).body("items.articleId", hasItem(oldFrench));
    }

    @Test
    void previewsASubscriptionBodyBeforeItIsSaved() {
        api().queryParam("limit", 200).body("""
                {"topics": ["judicial-independence"], "minScore": 0.75, "sources": ["lemonde.fr"], "days": 30,
                 "channel": {"type": "email", "address": "someone@example.org"}, "mode": "digest"}""")
                .post(PATH + "/preview").then().statusCode(200)
                .body("items.articleId", hasItem(oldFrench))
                .body("items.articleId", not(hasItem(recentFrench)))
                .body("items.find { it.articleId == '" + oldFrench + "' }.topics[0].topic",
                        equalTo("judicial-independence"));
        api().get(PATH).then().body("items.size()", equalTo(0));
    }

    @Test
    void refusesBadPreviews() {
        api().body("{\"topics\": [\"weather\"], \"minScore\": 4}").post(PATH + "/preview").then().statusCode(400)
                .body("errors.field", hasItem("topics[0]")).body("errors.field", hasItem("minScore"));
        api().queryParam("days", 0).body("{\"topics\": [\"icc-sanctions\"]}").post(PATH + "/preview").then()
                .statusCode(400).body("detail", containsString("days must be from 1 to 30"));
        api().queryParam("days", 31).body("{\"topics\": [\"icc-sanctions\"]}").post(PATH + "/preview").then()
                .statusCode(400);
        api().body("{\"topics\": [\"icc-sanctions\"], \"days\": \"week\"}").post(PATH + "/preview").then()
                .statusCode(400).body("detail", containsString("whole number"));
        String id = api().body("{\"topics\": [\"icc-sanctions\"], \"channel\": {\"type\": \"webhook\", \"url\": \"https://127.0.0.1/p\"}}")
                .post(PATH).then().statusCode(201).extract().path("id");
        api().body("{\"topics\": [\"judicial-independence\"]}").post(PATH + "/" + id + "/preview").then().statusCode(400)
                .body("detail", containsString("only {\"days\": n}"));
        api().post(PATH + "/" + UUID.randomUUID() + "/preview").then().statusCode(404);
    }
}
