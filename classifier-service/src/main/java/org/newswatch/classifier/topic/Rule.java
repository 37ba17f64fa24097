package org.newswatch.classifier.topic;

import java.util.List;

/**
 * Evidence for a topic: every group in {@code all} matched close together, and no group of {@code none} covering
 * one of the matched words ("sanctions on Russia" read as a whole is not a sanction on the court).
 *
 * @param id     named in the evidence of every match
 * @param weight in (0, 1]; the strength of one occurrence when every term has weight 1
 * @param all    groups that must all match within the scope
 * @param none   groups that cancel an occurrence when one of them matches within the scope
 * @param scope  how close the matches must be
 */
public record Rule(String id, double weight, List<String> all, List<String> none, List<String> context, Scope scope) {

    public Rule {
        all = List.copyOf(all);
        none = List.copyOf(none);
        context = List.copyOf(context);
    }

    /** How close the matches of a rule's groups must be. */
    public sealed interface Scope {
        /** At most {@code words} words between two matches, in the same field (title, summary or content). */
        record Window(int words) implements Scope {
        }

        /** In one sentence of one field. */
        record Sentence() implements Scope {
        }

        /** Anywhere in the article. */
        record Article() implements Scope {
        }
    }
}
