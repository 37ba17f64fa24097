package org.newswatch.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

class ProblemTest {

    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    record Channel(String type, String url) {
    }

    record Body(List<String> topics, Channel channel) {
    }

    @Test
    void aProblemIsWrittenWithItsExtensionsAsMembersAndWithoutEmptyOnes() throws Exception {
        JsonNode written = json.valueToTree(Problem.of(422, "feed-unreadable", "not a feed").with("stage", "parse"));

        assertEquals(Map.of("type", "urn:newswatch:problem:feed-unreadable", "title", "Unprocessable Content",
                "status", 422, "detail", "not a feed", "stage", "parse"), json.convertValue(written, Map.class));
    }

    @Test
    void extensionsKeepTheirOrderAndNeverTakeAStandardMembersName() {
        Problem problem = Problem.of(422, "x", "y").with("stage", "fetch").with("errorKind", "HTTP").with("a", 1);

        assertEquals(List.of("stage", "errorKind", "a"), List.copyOf(problem.extensions().keySet()));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> problem.with("status", 500));
    }

    @Test
    void theTypeOfAPlainProblemIsItsReason() {
        assertEquals("urn:newswatch:problem:not-found", Problem.of(404, "no such feed").type());
        assertEquals("urn:newswatch:problem:too-many-requests", Problem.of(429, "slow down").type());
        assertEquals("too-many-requests", Problem.of(429, "slow down").slug());
    }

    @Test
    void validationProblemsNameEveryFieldInTheirDetail() {
        Problem problem = Problem.invalid(List.of(new Problem.FieldError("topics[1]", "unknown topic"),
                new Problem.FieldError("channel.url", "not an http(s) URL")));

        assertEquals(400, problem.status());
        assertEquals("validation", problem.slug());
        assertEquals("topics[1]: unknown topic; channel.url: not an http(s) URL", problem.detail());
    }

    @Test
    void aFieldOfTheWrongTypeIsNamedByItsPathInTheBody() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(MismatchedInputException.class,
                () -> json.readValue("{\"topics\":[\"a\",{}],\"channel\":{}}", Body.class));

        Problem problem = ProblemMappers.malformed(e);

        assertEquals(List.of(new Problem.FieldError("topics[1]", "expected a string")), problem.errors());
    }

    @Test
    void anUnknownFieldIsNamed() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> json.readValue("{\"topics\":[],\"channel\":{\"type\":\"webhook\",\"secret\":\"x\"}}", Body.class));

        Problem problem = ProblemMappers.malformed((com.fasterxml.jackson.core.JsonProcessingException) e);

        assertEquals(List.of(new Problem.FieldError("channel.secret", "unknown field; known fields: type, url")),
                problem.errors());
    }

    @Test
    void aBodyThatIsNotJsonSaysWhere() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> json.readTree("{\"topics\": [}"));

        Problem problem = ProblemMappers.malformed((com.fasterxml.jackson.core.JsonProcessingException) e);

        assertEquals("malformed-body", problem.slug());
        assertFalse(problem.detail().isBlank());
        assertEquals(true, problem.detail().contains("line 1"));
    }
}
