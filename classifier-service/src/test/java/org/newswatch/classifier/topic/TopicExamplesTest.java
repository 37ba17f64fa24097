package org.newswatch.classifier.topic;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.newswatch.classifier.TestClassifiers;
import org.newswatch.classifier.TopicClassifier;
import org.newswatch.contracts.Classification;
import org.newswatch.contracts.TopicScore;

/** Every example an analyst wrote into a topic file behaves as the file says. */
class TopicExamplesTest {

    @TestFactory
    Stream<DynamicTest> examplesOfEveryShippedTopic() {
        TopicClassifier classifier = TestClassifiers.shared();
        List<DynamicTest> tests = new ArrayList<>();
        for (TopicDefinition topic : classifier.catalog().topics()) {
            for (String text : topic.examples().positive()) {
                tests.add(DynamicTest.dynamicTest(topic.id() + " flags: " + text, () -> {
                    TopicScore score = scoreOf(classifier.classify(text, "", "", null), topic.id());
                    assertTrue(score.flagged(), () -> "expected " + topic.id() + " to flag, got " + score);
                    assertFalse(score.evidence().isEmpty(), "a flag carries evidence");
                }));
            }
            for (String text : topic.examples().negative()) {
                tests.add(DynamicTest.dynamicTest(topic.id() + " does not flag: " + text, () -> {
                    TopicScore score = scoreOf(classifier.classify(text, "", "", null), topic.id());
                    assertFalse(score.flagged(), () -> "expected " + topic.id() + " not to flag, got " + score);
                }));
            }
        }
        return tests.stream();
    }

    static TopicScore scoreOf(Classification classification, String topic) {
        return classification.topics().stream().filter(score -> score.topic().equals(topic)).findFirst()
                .orElseThrow(() -> new AssertionError("topic " + topic + " missing from " + classification));
    }
}
