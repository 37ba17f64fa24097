package org.newswatch.classifier.eval;

import java.util.Set;

/** One labelled feed item of the evaluation corpus ({@code src/test/resources/eval/README.md}). */
public record EvalItem(String id, String lang, String title, String summary, Set<String> labels, String kind) {

    public boolean isHardNegative() {
        return kind.startsWith("hard-negative:");
    }
}
