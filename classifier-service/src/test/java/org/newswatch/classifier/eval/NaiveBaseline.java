package org.newswatch.classifier.eval;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The keyword rules a Google-Alerts user would write, measured next to the classifier: {@code ICC AND
 * sanction*} for icc-sanctions and, by analogy, {@code judge* AND independen*} for judicial-independence
 * (case-insensitive, whole words or word starts, anywhere in title and summary).
 */
public final class NaiveBaseline implements Evaluation.Flagger {

    private static final Pattern ICC = Pattern.compile("\\bicc\\b");
    private static final Pattern SANCTION = Pattern.compile("\\bsanction");
    private static final Pattern JUDGE = Pattern.compile("\\bjudge");
    private static final Pattern INDEPENDENCE = Pattern.compile("\\bindependen");

    public static final String DESCRIPTION = "naive baseline: 'ICC AND sanction*' / 'judge* AND independen*'";

    @Override
    public Set<String> apply(EvalItem item) {
        String text = (item.title() + " " + item.summary()).toLowerCase(Locale.ROOT);
        Set<String> flagged = new TreeSet<>();
        if (ICC.matcher(text).find() && SANCTION.matcher(text).find()) {
            flagged.add("icc-sanctions");
        }
        if (JUDGE.matcher(text).find() && INDEPENDENCE.matcher(text).find()) {
            flagged.add("judicial-independence");
        }
        return flagged;
    }
}
