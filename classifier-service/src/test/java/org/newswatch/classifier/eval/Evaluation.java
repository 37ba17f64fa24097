package org.newswatch.classifier.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Measures one way of flagging (a {@link Flagger}) on a split: precision, recall and F1 per topic, the share of
 * hard negatives (per kind) left unflagged, and the errors.
 */
public final class Evaluation {

    /** What a flagger says about one item: the topics it flags. */
    @FunctionalInterface
    public interface Flagger extends Function<EvalItem, Set<String>> {
    }

    /** Counts for one topic. */
    public record TopicFigures(String topic, int truePositives, int falsePositives, int falseNegatives) {
        public double precision() {
            return ratio(truePositives, truePositives + falsePositives);
        }

        public double recall() {
            return ratio(truePositives, truePositives + falseNegatives);
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    /** One disagreement with the labels. */
    public record Error(EvalItem item, String topic, boolean falsePositive) {
        @Override
        public String toString() {
            return (falsePositive ? "FP " : "FN ") + topic + " " + item.id() + " [" + item.lang() + ", " + item.kind()
                    + "] " + item.title() + " | " + item.summary();
        }
    }

    /** The figures of one flagger on one split. */
    public record Result(String split, String flagger, Map<String, TopicFigures> topics,
            Map<String, int[]> hardNegatives, List<Error> errors) {

        /** Per hard-negative kind: {unflagged, total}. */
        public double hardNegativePrecision(String kind) {
            int[] counts = hardNegatives.get(kind);
            return ratio(counts[0], counts[1]);
        }

        public double hardNegativePrecision() {
            int clean = hardNegatives.values().stream().mapToInt(c -> c[0]).sum();
            int total = hardNegatives.values().stream().mapToInt(c -> c[1]).sum();
            return ratio(clean, total);
        }
    }

    private Evaluation() {
    }

    public static Result run(String split, List<EvalItem> items, Set<String> topics, String name, Flagger flagger) {
        Map<String, int[]> counts = new TreeMap<>();
        Map<String, int[]> hardNegatives = new TreeMap<>();
        List<Error> errors = new ArrayList<>();
        for (String topic : topics) {
            counts.put(topic, new int[3]);
        }
        for (EvalItem item : items) {
            Set<String> flagged = new TreeSet<>(flagger.apply(item));
            flagged.retainAll(topics);
            for (String topic : topics) {
                boolean expected = item.labels().contains(topic);
                boolean actual = flagged.contains(topic);
                int[] c = counts.get(topic);
                if (expected && actual) {
                    c[0]++;
                } else if (actual) {
                    c[1]++;
                    errors.add(new Error(item, topic, true));
                } else if (expected) {
                    c[2]++;
                    errors.add(new Error(item, topic, false));
                }
            }
            if (item.isHardNegative()) {
                int[] kind = hardNegatives.computeIfAbsent(item.kind(), k -> new int[2]);
                kind[1]++;
                if (flagged.isEmpty()) {
                    kind[0]++;
                }
            }
        }
        Map<String, TopicFigures> figures = new TreeMap<>();
        counts.forEach((topic, c) -> figures.put(topic, new TopicFigures(topic, c[0], c[1], c[2])));
        return new Result(split, name, figures, hardNegatives, errors);
    }

    static double ratio(int numerator, int denominator) {
        return denominator == 0 ? 1.0 : (double) numerator / denominator;
    }
}
