package org.newswatch.classifier.embedding;

import java.util.Set;
import java.util.TreeSet;

import org.newswatch.classifier.TopicClassifier;
import org.newswatch.classifier.eval.EvalItem;
import org.newswatch.classifier.eval.Evaluation;
import org.newswatch.contracts.TopicScore;

/**
 * Rules combined with the embedding signal: a near miss of the rules (score in [rescueFloor, threshold)) is
 * flagged when the embedding margin is at least {@code rescueMargin}; a weak flag (score below
 * {@code vetoCeiling}) is dropped when the margin is below {@code -vetoMargin}.
 */
public record RescueAndVeto(TopicClassifier classifier, EmbeddingSignal signal, double rescueFloor,
        double rescueMargin, double vetoCeiling, double vetoMargin) implements Evaluation.Flagger {

    @Override
    public Set<String> apply(EvalItem item) {
        Set<String> flagged = new TreeSet<>();
        for (TopicScore score : classifier.classify(item.title(), item.summary(), "", null).topics()) {
            double threshold = classifier.catalog().topic(score.topic()).orElseThrow().threshold();
            boolean flag = score.flagged();
            if (!flag && score.score() >= rescueFloor && signal.margin(score.topic(), item) >= rescueMargin) {
                flag = true;
            } else if (flag && score.score() < vetoCeiling && signal.margin(score.topic(), item) < -vetoMargin) {
                flag = false;
            }
            if (flag) {
                flagged.add(score.topic());
            }
            assert threshold > 0;
        }
        return flagged;
    }

    public String describe() {
        return String.format(java.util.Locale.ROOT, "rules + MiniLM (rescue >=%.2f if margin>=%.2f; veto <%.2f if margin<-%.2f)",
                rescueFloor, rescueMargin, vetoCeiling, vetoMargin);
    }
}
