package org.newswatch.classifier.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.newswatch.classifier.TestClassifiers;
import org.newswatch.classifier.TopicClassifier;

/**
 * The build fails when the classifier's F1 on the test split drops below {@link #MIN_F1} for any topic. Prints
 * the figures of both splits and of the naive baseline (the errors are printed by the evaluation command).
 */
class EvaluationGateTest {

    static final double MIN_F1 = 0.90;

    @Test
    void testSplitF1OfEveryTopicIsAtLeastTheGate() {
        TopicClassifier classifier = TestClassifiers.shared();
        List<Evaluation.Result> results = new ArrayList<>();
        Evaluation.Result test = null;
        for (String split : List.of(Corpus.DEV, Corpus.TEST)) {
            List<EvalItem> items = Corpus.load(split);
            Evaluation.Result rules = Evaluation.run(split, items, EvaluationCommand.topics(classifier),
                    "rules " + classifier.version(), EvaluationCommand.rules(classifier));
            results.add(rules);
            results.add(Evaluation.run(split, items, EvaluationCommand.topics(classifier), NaiveBaseline.DESCRIPTION,
                    new NaiveBaseline()));
            if (split.equals(Corpus.TEST)) {
                test = rules;
            }
        }
        EvaluationReport.print(System.out, results);
        List<String> below = new ArrayList<>();
        test.topics().values().forEach(figures -> {
            if (figures.f1() < MIN_F1) {
                below.add(String.format(Locale.ROOT, "%s F1 %.3f", figures.topic(), figures.f1()));
            }
        });
        assertTrue(below.isEmpty(), "test-split F1 below " + MIN_F1 + ": " + below);
    }
}
