package org.newswatch.classifier.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Every kind of mistake in a topic file is refused with the file, the field and the problem. */
public class TopicFileReaderTest {

    public static final String VALID = """
            id: demo
            description: A demo topic
            threshold: 0.5
            groups:
              court:
                terms:
                  en: [international criminal court, {term: icc, weight: 0.8}]
                  fr: [cour pénale internationale]
              measure:
                terms:
                  en: [sanction*]
            rules:
              - id: measure-near-court
                weight: 0.9
                all: [measure, court]
                within: 6
            negative-contexts:
              - id: cricket
                groups: [court]
                factor: 0.1
            examples:
              positive: [US sanctions the ICC]
            """;

    @Test
    void readsAValidFile() {
        TopicDefinition topic = TopicFileReader.read("demo.yaml", VALID);
        assertEquals("demo", topic.id());
        assertEquals(0.5, topic.threshold());
        assertEquals(java.util.Set.of("en", "fr"), topic.languages());
        assertEquals(new Rule.Scope.Window(6), topic.rules().get(0).scope());
        assertEquals(0.8, topic.groups().get(0).terms().get("en").get(1).weight());
    }

    @Test
    void invalidYaml() {
        assertProblem("id: demo\ngroups: [unclosed", "", "is not valid YAML at line");
    }

    @Test
    void missingRequiredFields() {
        assertProblem("id: demo\n", "description", "is missing");
        assertProblem("id: demo\n", "threshold", "is missing");
        assertProblem("id: demo\n", "groups", "is missing");
        assertProblem("id: demo\n", "rules", "is missing");
    }

    @Test
    void idMustMatchTheFileName() {
        assertProblem(VALID.replace("id: demo", "id: other"), "id", "differs from the file name 'demo'");
        assertProblem(VALID.replace("id: demo", "id: Demo_Topic"), "id", "must be lower-case letters");
    }

    @Test
    void thresholdAndWeightsOutOfRange() {
        assertProblem(VALID.replace("threshold: 0.5", "threshold: 1.5"), "threshold", "out of range");
        assertProblem(VALID.replace("threshold: 0.5", "threshold: high"), "threshold", "must be a number");
        assertProblem(VALID.replace("weight: 0.8", "weight: 0"), "groups.court.terms.en[1].weight", "out of range");
        assertProblem(VALID.replace("factor: 0.1", "factor: 1.0"), "negative-contexts[cricket].factor", "out of range");
    }

    @Test
    void unknownFieldsAreTypos() {
        assertProblem(VALID.replace("threshold: 0.5", "threshold: 0.5\nthreshhold: 0.6"), "threshhold",
                "unknown field");
        assertProblem(VALID.replace("within: 6", "within: 6\n    weigth: 1"), "rules[measure-near-court].weigth",
                "unknown field");
    }

    @Test
    void unknownLanguage() {
        assertProblem(VALID.replace("fr: [cour", "pt: [cour"), "groups.court.terms.pt", "unknown language 'pt'");
    }

    @Test
    void badTerms() {
        assertProblem(VALID.replace("[sanction*]", "[sa*]"), "groups.measure.terms.en[0]", "shorter than 3 letters");
        assertProblem(VALID.replace("[sanction*]", "[\"san*ction\"]"), "groups.measure.terms.en[0]", "inside a word");
        assertProblem(VALID.replace("[sanction*]", "[\"--\"]"), "groups.measure.terms.en[0]", "without letters");
        assertProblem(VALID.replace("[sanction*]", "[sanction*, Sanction*]"), "groups.measure.terms.en[1]",
                "listed twice");
        assertProblem(VALID.replace("[sanction*]", "[]"), "groups.measure.terms.en", "non-empty list");
    }

    @Test
    void rulesReferToKnownGroups() {
        assertProblem(VALID.replace("all: [measure, court]", "all: [measure, tribunal]"),
                "rules[measure-near-court].all[1]", "unknown group 'tribunal'");
        assertProblem(VALID.replace("all: [measure, court]", "all: []"), "rules[measure-near-court].all",
                "non-empty list");
        assertProblem(VALID.replace("within: 6", "within: 6\n    none: [court]"), "rules[measure-near-court].none",
                "in both all and none");
        assertProblem(VALID.replace("groups: [court]", "groups: [cricket]"), "negative-contexts[cricket].groups[0]",
                "unknown group 'cricket'");
    }

    @Test
    void badWindow() {
        assertProblem(VALID.replace("within: 6", "within: paragraph"), "rules[measure-near-court].within",
                "'sentence' or 'article'");
        assertProblem(VALID.replace("within: 6", "within: 1000"), "rules[measure-near-court].within", "from 0 to 200");
    }

    @Test
    void duplicateRuleIds() {
        String twice = VALID.replace("negative-contexts:", """
                  - id: measure-near-court
                    weight: 0.5
                    all: [court]
                negative-contexts:""");
        assertProblem(twice, "rules[measure-near-court].id", "is used twice");
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnce() {
        TopicDefinitionException e = assertThrows(TopicDefinitionException.class, () -> TopicFileReader.read(
                "demo.yaml", VALID.replace("threshold: 0.5", "threshold: 2").replace("fr: [cour", "xx: [cour")));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("demo.yaml: threshold:"), e.getMessage());
    }

    private static void assertProblem(String content, String field, String problem) {
        TopicDefinitionException e = assertThrows(TopicDefinitionException.class,
                () -> TopicFileReader.read("topics/demo.yaml", content));
        List<TopicDefinitionException.Problem> matching = e.problems().stream()
                .filter(p -> p.field().equals(field) && p.problem().contains(problem)).toList();
        assertTrue(!matching.isEmpty(), "expected '" + field + ": " + problem + "' in\n" + e.getMessage());
        assertTrue(matching.get(0).file().equals("topics/demo.yaml"));
    }
}
