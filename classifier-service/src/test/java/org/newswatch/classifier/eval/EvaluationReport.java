package org.newswatch.classifier.eval;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints evaluation results as plain-text tables. */
public final class EvaluationReport {

    private EvaluationReport() {
    }

    /** One table per split: a row per flagger and topic, then hard-negative precision per kind. */
    public static void print(PrintStream out, List<Evaluation.Result> results) {
        String split = null;
        for (Evaluation.Result result : results) {
            if (!result.split().equals(split)) {
                split = result.split();
                out.printf(Locale.ROOT, "%n== %s split ==%n", split);
                out.printf(Locale.ROOT, "%-60s %-22s %5s %5s %5s %9s %7s %6s%n", "flagger", "topic", "TP", "FP", "FN",
                        "precision", "recall", "F1");
            }
            for (Evaluation.TopicFigures figures : result.topics().values()) {
                out.printf(Locale.ROOT, "%-60s %-22s %5d %5d %5d %9.3f %7.3f %6.3f%n", result.flagger(),
                        figures.topic(), figures.truePositives(), figures.falsePositives(), figures.falseNegatives(),
                        figures.precision(), figures.recall(), figures.f1());
            }
        }
        out.printf(Locale.ROOT, "%nHard negatives left unflagged (precision on hard negatives), per kind:%n");
        for (Evaluation.Result result : results) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-5s %-60s all %.3f", result.split(),
                    result.flagger(), result.hardNegativePrecision()));
            for (Map.Entry<String, int[]> kind : result.hardNegatives().entrySet()) {
                line.append(String.format(Locale.ROOT, " | %s %d/%d", kind.getKey().substring("hard-negative:".length()),
                        kind.getValue()[0], kind.getValue()[1]));
            }
            out.println(line);
        }
    }

    public static void printErrors(PrintStream out, Evaluation.Result result) {
        out.printf(Locale.ROOT, "%nErrors of %s on %s (%d):%n", result.flagger(), result.split(), result.errors().size());
        result.errors().forEach(error -> out.println("  " + error));
    }
}
