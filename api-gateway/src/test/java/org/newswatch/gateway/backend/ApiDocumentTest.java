package org.newswatch.gateway.backend;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.newswatch.testkit.WithTestInfrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The OpenAPI document lists every keys and routed endpoint, each described, with the Bearer scheme. */
@QuarkusTest
@WithTestInfrastructure
@QuarkusTestResource(ServiceStubs.class)
class ApiDocumentTest {

    static final Map<String, List<String>> PATHS = Map.ofEntries(
            Map.entry("/api/v1/keys", List.of("get", "post")),
            Map.entry("/api/v1/keys/current", List.of("get")),
            Map.entry("/api/v1/keys/{id}", List.of("get", "delete")),
            Map.entry("/api/v1/feeds", List.of("get", "post")),
            Map.entry("/api/v1/feeds/{id}", List.of("get", "patch", "delete")),
            Map.entry("/api/v1/feeds/{id}/poll", List.of("post")),
            Map.entry("/api/v1/feeds/import", List.of("post")),
            Map.entry("/api/v1/feeds/export", List.of("get")),
            Map.entry("/api/v1/feeds/preview", List.of("post")),
            Map.entry("/api/v1/subscriptions", List.of("get", "post")),
            Map.entry("/api/v1/subscriptions/preview", List.of("post")),
            Map.entry("/api/v1/subscriptions/{id}", List.of("get", "patch", "delete")),
            Map.entry("/api/v1/subscriptions/{id}/pause", List.of("post")),
            Map.entry("/api/v1/subscriptions/{id}/resume", List.of("post")),
            Map.entry("/api/v1/subscriptions/{id}/secret/rotate", List.of("post")),
            Map.entry("/api/v1/subscriptions/{id}/preview", List.of("post")),
            Map.entry("/api/v1/subscriptions/{id}/deliveries", List.of("get")),
            Map.entry("/api/v1/subscriptions/{id}/deliveries/{deliveryId}/redeliver", List.of("post")),
            Map.entry("/api/v1/subscriptions/{id}/redeliver", List.of("post")),
            Map.entry("/api/v1/topics", List.of("get")),
            Map.entry("/api/v1/classify", List.of("post")),
            Map.entry("/api/v1/confirm", List.of("get")),
            Map.entry("/api/v1/unsubscribe", List.of("get", "post")));

    @Test
    void everyEndpointIsDocumented() throws Exception {
        JsonNode document = new ObjectMapper().readTree(given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asByteArray());
        JsonNode scheme = document.path("components").path("securitySchemes").path("apiKey");
        assertEquals("http", scheme.path("type").asText());
        assertEquals("bearer", scheme.path("scheme").asText());
        List<String> missing = new ArrayList<>();
        PATHS.forEach((path, methods) -> {
            for (String method : methods) {
                JsonNode operation = document.path("paths").path(path).path(method);
                if (operation.isMissingNode()) {
                    missing.add(method + " " + path + ": absent");
                    continue;
                }
                if (operation.path("summary").asText().isBlank() || operation.path("description").asText().isBlank()) {
                    missing.add(method + " " + path + ": no summary or description");
                }
                boolean publicLink = path.equals("/api/v1/confirm") || path.equals("/api/v1/unsubscribe");
                if (!publicLink && !operation.path("security").toString().contains("apiKey")) {
                    missing.add(method + " " + path + ": no Bearer security requirement");
                }
                if (!publicLink && operation.path("responses").path("401").isMissingNode()) {
                    missing.add(method + " " + path + ": no 401 problem");
                }
                if (!publicLink && operation.path("responses").path("429").isMissingNode()) {
                    missing.add(method + " " + path + ": no 429 problem");
                }
            }
        });
        assertTrue(missing.isEmpty(), String.join("\n", missing));
        assertFalse(document.path("components").path("schemas").path("Problem").isMissingNode());
        assertTrue(document.path("paths").path("/api/v1/topics").path("get").path("responses").path("401").toString()
                .contains("#/components/schemas/Problem"), "the added 401 names the problem schema");
        String created = document.path("paths").path("/api/v1/keys").path("post").path("responses").path("201")
                .toString();
        assertTrue(created.contains("nwk_"), "the key creation answer has an example");
        JsonNode current = document.path("paths").path("/api/v1/keys/current").path("get").path("responses");
        assertTrue(current.path("403").isMissingNode(), "any key may read itself: no 403");
        assertFalse(document.path("paths").path("/api/v1/keys/{id}").path("get").path("responses").path("403")
                .isMissingNode(), "another key is for admins only");
        assertFalse(document.path("paths").path("/api/v1/feeds/preview").path("post").path("requestBody").isMissingNode());
    }
}
