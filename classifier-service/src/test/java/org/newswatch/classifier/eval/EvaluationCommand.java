package org.newswatch.classifier.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.newswatch.classifier.TestClassifiers;
import org.newswatch.classifier.TopicClassifier;
import org.newswatch.classifier.topic.TopicDefinition;
import org.newswatch.contracts.TopicScore;

/**
 * Prints the evaluation of the classifier on the dev and test splits next to the naive baseline, measured in
 * the same run:
 * <pre>
 * mvn -B -ntp -Pbench -pl classifier-service test-compile exec:exec \
 *     -Dbench.main=org.newswatch.classifier.eval.EvaluationCommand -Dbench.args="--dev-errors"
 * </pre>
 * Options: {@code --dev-errors} lists every dev error (tune on these); {@code --test-errors} lists the test
 * errors too (read them to understand, never to tune).
 */
public final class EvaluationCommand {

    private EvaluationCommand() {
    }

    public static void main(String[] args) {
        Set<String> options = Set.of(args);
        TopicClassifier classifier = TestClassifiers.shared();
        List<Evaluation.Result> results = new ArrayList<>();
        for (String split : List.of(Corpus.DEV, Corpus.TEST)) {
            List<EvalItem> items = Corpus.load(split);
            results.add(Evaluation.run(split, items, topics(classifier), "rules " + classifier.version(),
                    rules(classifier)));
            results.add(Evaluation.run(split, items, topics(classifier), NaiveBaseline.DESCRIPTION, new NaiveBaseline()));
        }
        EvaluationReport.print(System.out, results);
        for (Evaluation.Result result : results) {
            boolean rules = result.flagger().startsWith("rules");
            if (rules && (result.split().equals(Corpus.DEV) && options.contains("--dev-errors")
                    || result.split().equals(Corpus.TEST) && options.contains("--test-errors"))) {
                EvaluationReport.printErrors(System.out, result);
            }
        }
    }

    public static Set<String> topics(TopicClassifier classifier) {
        Set<String> topics = new TreeSet<>();
        for (TopicDefinition topic : classifier.catalog().topics()) {
            topics.add(topic.id());
        }
        return topics;
    }

    /** The service's own decision: the topics it flags for title + summary, the feed's language declared. */
    public static Evaluation.Flagger rules(TopicClassifier classifier) {
        return item -> {
            Set<String> flagged = new TreeSet<>();
            for (TopicScore score : classifier.classify(item.title(), item.summary(), "", null).topics()) {
                if (score.flagged()) {
                    flagged.add(score.topic());
                }
            }
            return flagged;
        };
    }
}
