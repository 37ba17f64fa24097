package org.newswatch.classifier.topic;

import java.util.List;
import java.util.Map;

/**
 * A named set of terms that mean one thing for a topic (e.g. "the court", "a coercive measure"), per language.
 *
 * @param name  referred to by rules and negative contexts
 * @param terms per language code ({@code en}, {@code fr}, … or {@link #ANY_LANGUAGE}), the terms
 */
public record TermGroup(String name, Map<String, List<Term>> terms) {

    /** Terms that apply whatever the language of the text: names, acronyms. */
    public static final String ANY_LANGUAGE = "any";

    public TermGroup {
        terms = Map.copyOf(terms);
    }
}
