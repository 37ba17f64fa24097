package org.newswatch.gateway.article;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.newswatch.testkit.WithTestInfrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The OpenAPI document describes the read endpoints completely: summary and description, every parameter described,
 * the success and 400/404 answers with examples, and the Bearer key requirement with its 401/429.
 */
@QuarkusTest
@WithTestInfrastructure
class ReadApiDocumentTest {

    record Expected(String path, List<String> parameters, List<String> examples) {
    }

    static final List<Expected> OPERATIONS = List.of(
            new Expected("/api/v1/articles", List.of("q", "topic", "flagged", "minScore", "source", "lang", "since",
                    "until", "cursor", "limit"), List.of("200", "400")),
            new Expected("/api/v1/articles/{id}", List.of("id"), List.of("200", "404")),
            new Expected("/api/v1/stats/daily", List.of("since", "until", "topic"), List.of("200", "400")),
            new Expected("/api/v1/stream", List.of("topic", "Last-Event-ID"), List.of("200", "400")));

    @Test
    void readEndpointsAreDocumented() throws Exception {
        JsonNode document = new ObjectMapper().readTree(given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asByteArray());
        List<String> missing = new ArrayList<>();
        for (Expected expected : OPERATIONS) {
            JsonNode operation = document.path("paths").path(expected.path()).path("get");
            String name = "GET " + expected.path();
            if (operation.isMissingNode()) {
                missing.add(name + ": absent");
                continue;
            }
            if (operation.path("summary").asText().isBlank() || operation.path("description").asText().isBlank()) {
                missing.add(name + ": no summary or description");
            }
            for (String parameter : expected.parameters()) {
                JsonNode found = null;
                for (JsonNode candidate : operation.path("parameters")) {
                    if (candidate.path("name").asText().equals(parameter)) {
                        found = candidate;
                    }
                }
                if (found == null || found.path("description").asText().isBlank()) {
                    missing.add(name + ": parameter " + parameter + " absent or not described");
                }
            }
            for (String status : expected.examples()) {
                JsonNode content = operation.path("responses").path(status).path("content");
                boolean hasExample = false;
                for (JsonNode mediaType : content) {
                    hasExample |= mediaType.path("examples").size() > 0;
                }
                if (!hasExample) {
                    missing.add(name + ": no example for " + status);
                }
            }
            for (String status : List.of("401", "429")) {
                if (operation.path("responses").path(status).isMissingNode()) {
                    missing.add(name + ": no " + status);
                }
            }
            if (!operation.path("security").toString().contains("apiKey")) {
                missing.add(name + ": no Bearer security requirement");
            }
        }
        assertEquals(List.of(), missing);
    }
}
