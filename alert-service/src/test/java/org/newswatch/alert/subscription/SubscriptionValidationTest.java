package org.newswatch.alert.subscription;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.newswatch.testkit.WithTestInfrastructure;

import io.quarkus.test.junit.QuarkusTest;

/** Each refused body answers 400 with a problem naming the field and saying why; nothing is stored. */
@QuarkusTest
@WithTestInfrastructure
class SubscriptionValidationTest {

    private static final String OWNER = "validation-owner";
    private static final String HOOK = "\"channel\": {\"type\": \"webhook\", \"url\": \"https://127.0.0.1/h\"}";
    private static final String MAIL = "\"channel\": {\"type\": \"email\", \"address\": \"a@example.org\"}";

    static Stream<Arguments> refusedBodies() {
        return Stream.of(
                Arguments.of("{" + HOOK + "}", "topics", "at least one topic"),
                Arguments.of("{\"topics\": []," + HOOK + "}", "topics", "known topics: icc-sanctions, judicial-independence"),
                Arguments.of("{\"topics\": [\"icc-sanctions\", \"weather\"]," + HOOK + "}", "topics[1]", "unknown topic \"weather\""),
                Arguments.of("{\"topics\": \"icc-sanctions\"," + HOOK + "}", "topics", "must be an array of strings"),
                Arguments.of("{\"topics\": [\"icc-sanctions\", 3]," + HOOK + "}", "topics[1]", "must be a string"),
                Arguments.of("{\"topics\": [\"icc-sanctions\"]}", "channel", "a channel is needed"),
                Arguments.of("{\"topics\": [\"icc-sanctions\"], \"minScore\": 1.5," + HOOK + "}", "minScore", "between 0 and 1"),
                Arguments.of("{\"topics\": [\"icc-sanctions\"], \"minScore\": -0.1," + HOOK + "}", "minScore", "between 0 and 1"),
                Arguments.of("{\"topics\": [\"icc-sanctions\"], \"minScore\": \"high\"," + HOOK + "}", "minScore", "must be a number"),
                Arguments.of("{\"topics\": [\"icc-sanctions\"], \"languages\": [\"fr\", \"not a tag\"]," + HOOK + "}", "languages[1]", "BCP 47"),
                Arguments.of("{\"topics\": [\"icc-sanctions\"], \"languages\": [\"x-private\"]," + HOOK + "}", "languages[0]", "BCP 47"),
                Arguments.of("{\"topics\": [\"icc-sanctions\"], \"keywords\": [\"\\\"Rome Statute\"]," + HOOK + "}", "keywords[0]", "unbalanced"),
                Arguments.of("{\"topics\": [\"icc-sanctions\"], \"keywords\": [\"a \\\"b\\\" c\"]," + HOOK + "}", "keywords[0]", "double quote"),
                Arguments.of("{\"topics\": [\"icc-sanctions\"], \"keywords\": [\"  \"]," + HOOK + "}", "keywords[0]", "is empty"),
                Arguments.of("{\"topics\": [\"icc-sanctions\"], \"keywords\": [\"--\"]," + HOOK + "}", "keywords[0]", "no letter or digit"),
                Arguments.of("{\"topics\": [\"icc-sanctions\"], \"keywordsMode\": \"most\"," + HOOK + "}", "keywordsMode", "\"all\" or \"any\""),
                Arguments.of("{\"topics\": [\"icc-sanctions\"], \"sources\": [\"\"]," + HOOK + "}", "sources[0]", "source name"),
                Arguments.of("{\"topics\": [\"icc-sanctions\"], \"channel\": {\"type\": \"sms\"}}", "channel.type", "\"webhook\" or \"email\""),
                Arguments.of("{\"topics\": [\"icc-sanctions\"], \"channel\": {\"type\": \"webhook\"}}", "channel.url", "needs the URL"),
                Arguments.of("{\"topics\": [\"icc-sanctions\"], \"channel\": {\"type\": \"webhook\", \"url\": \"ftp://127.0.0.1/x\"}}", "channel.url", "only http and https"),
                Arguments.of("{\"topics\": [\"icc-sanctions\"], \"channel\": {\"type\": \"webhook\", \"url\": \"/relative\"}}", "channel.url", "absolute URL"),
                Arguments.of("{\"topics\": [\"icc-sanctions\"], \"channel\": {\"type\": \"webhook\", \"url\": \"https://x\", \"secret\": \"mine\"}}", "channel.secret", "unknown field"),
                Arguments.of("{\"topics\": [\"icc-sanctions\"], \"channel\": \"https://x\"}", "channel", "must be an object"),
                Arguments.of("{\"topics\": [\"icc-sanctions\"], \"channel\": {\"type\": \"email\"}}", "channel.address", "needs the address"),
                Arguments.of("{\"topics\": [\"icc-sanctions\"], \"channel\": {\"type\": \"email\", \"address\": \"not-an-address\"}}", "channel.address", "not an e-mail address"),
                Arguments.of("{\"topics\": [\"icc-sanctions\"], \"channel\": {\"type\": \"email\", \"address\": \"a b@example.org\"}}", "channel.address", "before the @"),
                Arguments.of("{\"topics\": [\"icc-sanctions\"], \"channel\": {\"type\": \"email\", \"address\": \"a@localhost\"}}", "channel.address", "no top-level domain"),
                Arguments.of("{\"topics\": [\"icc-sanctions\"], \"channel\": {\"type\": \"email\", \"address\": \"a@exa_mple.org\"}}", "channel.address", "invalid domain"),
                Arguments.of("{\"topics\": [\"icc-sanctions\"], \"mode\": \"weekly\"," + MAIL + "}", "mode", "\"immediate\" or \"digest\""),
                Arguments.of("{\"topics\": [\"icc-sanctions\"], \"mode\": \"digest\"," + HOOK + "}", "mode", "digests are e-mails"),
                Arguments.of("{\"topics\": [\"icc-sanctions\"], \"digest\": {\"hour\": 8}," + MAIL + "}", "digest", "mode \"digest\" only"),
                Arguments.of("{\"topics\": [\"icc-sanctions\"], \"mode\": \"digest\", \"digest\": {\"hour\": 24}," + MAIL + "}", "digest.hour", "from 0 to 23"),
                Arguments.of("{\"topics\": [\"icc-sanctions\"], \"mode\": \"digest\", \"digest\": {\"hour\": 7.5}," + MAIL + "}", "digest.hour", "whole number"),
                Arguments.of("{\"topics\": [\"icc-sanctions\"], \"mode\": \"digest\", \"digest\": {\"frequency\": \"hourly\", \"hour\": 3}," + MAIL + "}", "digest.hour", "daily digests only"),
                Arguments.of("{\"topics\": [\"icc-sanctions\"], \"mode\": \"digest\", \"digest\": {\"frequency\": \"weekly\"}," + MAIL + "}", "digest.frequency", "\"hourly\" or \"daily\""),
                Arguments.of("{\"topics\": [\"icc-sanctions\"], \"mode\": \"digest\", \"digest\": {\"timeZone\": \"Mars/Olympus\"}," + MAIL + "}", "digest.timeZone", "IANA time zone"),
                Arguments.of("{\"topics\": [\"icc-sanctions\"], \"mode\": \"digest\", \"digest\": {\"timeZone\": \"+02:00\"}," + MAIL + "}", "digest.timeZone", "IANA time zone"),
                Arguments.of("{\"topic\": [\"icc-sanctions\"]," + HOOK + "}", "topic", "unknown field"),
                Arguments.of("{\"topics\": [\"icc-sanctions\"], \"name\": \"" + "n".repeat(201) + "\"," + HOOK + "}", "name", "longer than 200"));
    }

    @ParameterizedTest
    @MethodSource("refusedBodies")
    void refusesWithTheFieldAndTheReason(String body, String field, String reason) {
        Api.as(OWNER).body(body).post(Api.PATH).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:newswatch:problem:validation"))
                .body("title", equalTo("Bad Request"))
                .body("status", equalTo(400))
                .body("detail", containsString(reason))
                .body("errors.field", hasItem(field));
        Api.as(OWNER).get(Api.PATH).then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void reportsEveryWrongFieldAtOnce() {
        Api.as(OWNER).body("""
                {"topics": ["nope"], "minScore": 3, "languages": ["??"], "channel": {"type": "email", "address": "x"}}
                """).post(Api.PATH).then().statusCode(400)
                .body("errors.field", hasItem("topics[0]"))
                .body("errors.field", hasItem("minScore"))
                .body("errors.field", hasItem("languages[0]"))
                .body("errors.field", hasItem("channel.address"));
    }

    @Test
    void refusesBodiesThatAreNotJsonObjects() {
        Api.as(OWNER).body("{\"topics\": [").post(Api.PATH).then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("urn:newswatch:problem:malformed-body"))
                .body("detail", containsString("not valid JSON"));
        Api.as(OWNER).body("[]").post(Api.PATH).then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("urn:newswatch:problem:bad-request"))
                .body("detail", containsString("JSON object"));
        Api.as(OWNER).contentType("text/plain").body("hello").post(Api.PATH).then().statusCode(415)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:newswatch:problem:unsupported-media-type"))
                .body("detail", containsString("application/json"));
        Api.as(OWNER).get(Api.PATH + "/not-a-uuid").then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:newswatch:problem:not-found"));
    }
}
