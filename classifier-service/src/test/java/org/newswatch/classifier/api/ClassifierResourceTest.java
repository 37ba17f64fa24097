package org.newswatch.classifier.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;
import org.newswatch.testkit.WithTestInfrastructure;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestInfrastructure(database = false)
class ClassifierResourceTest {

    @Test
    void listsTheTopics() {
        given().when().get("/api/v1/topics").then()
                .statusCode(200)
                .body("items.id", contains("icc-sanctions", "judicial-independence"))
                .body("items[0].threshold", equalTo(0.5f))
                .body("items[0].languages", hasItems("en", "fr", "es", "de", "nl", "ar"))
                .body("items.description", everyItem(notNullValue()))
                .body("classifierVersion", startsWith("1.0+"));
    }

    @Test
    void classifiesATextWithEvidenceIntoTheFieldsAsSent() {
        given().contentType(ContentType.JSON)
                .body("{\"title\": \"Les États-Unis sanctionnent la Cour pénale internationale\", \"lang\": \"fr\"}")
                .when().post("/api/v1/classify").then()
                .statusCode(200)
                .body("language", equalTo("fr"))
                .body("flagged", equalTo(true))
                .body("classifierVersion", startsWith("1.0+"))
                .body("topics.topic", contains("icc-sanctions", "judicial-independence"))
                .body("topics[0].flagged", equalTo(true))
                .body("topics[0].evidence.field", everyItem(equalTo("title")))
                .body("topics[0].evidence.text", hasItems("sanctionnent", "Cour pénale internationale"))
                .body("topics[0].evidence.find { it.text == 'sanctionnent' }.start", equalTo(15))
                .body("topics[0].evidence.find { it.text == 'sanctionnent' }.end", equalTo(27));
    }

    @Test
    void anEmptyRequestIsAClassificationOfNothing() {
        given().contentType(ContentType.JSON).body("{}").when().post("/api/v1/classify").then()
                .statusCode(200)
                .body("language", equalTo("und"))
                .body("flagged", equalTo(false));
    }

    @Test
    void badRequestsAreProblems() {
        given().contentType(ContentType.JSON).body("{\"title\": ").when().post("/api/v1/classify").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("type", equalTo("urn:newswatch:problem:malformed-body"))
                .body("title", equalTo("Bad Request"))
                .body("detail", containsString("not valid JSON"));
        given().contentType(ContentType.JSON).body("{\"title\": \"x\", \"lang\": \"not a language\"}")
                .when().post("/api/v1/classify").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:newswatch:problem:bad-request"))
                .body("detail", containsString("lang 'not a language'"));
        given().contentType(ContentType.JSON).body("").when().post("/api/v1/classify").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:newswatch:problem:bad-request"))
                .body("detail", containsString("body is missing"));
        given().contentType(ContentType.JSON).body("{\"title\": 42, \"summary\": [1]}")
                .when().post("/api/v1/classify").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:newswatch:problem:validation"))
                .body("errors[0].field", equalTo("summary"))
                .body("detail", equalTo("summary: expected a string"));
        given().contentType(ContentType.JSON).body("{\"title\": \"x\", \"langauge\": \"fr\"}")
                .when().post("/api/v1/classify").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:newswatch:problem:validation"))
                .body("errors[0].field", equalTo("langauge"))
                .body("detail", equalTo("langauge: unknown field; known fields: content, lang, summary, title"));
        given().contentType(ContentType.TEXT).body("hello").when().post("/api/v1/classify").then()
                .statusCode(415)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:newswatch:problem:unsupported-media-type"));
    }

    @Test
    void theOpenApiDocumentDescribesBothOperations() {
        given().when().get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/v1/classify"))
                .body(containsString("/api/v1/topics"))
                .body(containsString("Classify a text without storing it"));
    }
}
