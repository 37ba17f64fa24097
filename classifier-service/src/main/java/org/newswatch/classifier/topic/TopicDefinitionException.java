package org.newswatch.classifier.topic;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One or more topic files are wrong. The message lists every problem as {@code file: field: problem}, so an
 * analyst can fix them all in one go; the service refuses to start with them.
 */
public class TopicDefinitionException extends RuntimeException {

    /** One mistake: the file, the field path inside it ({@code groups.court.terms.fr[2]}), what is wrong. */
    public record Problem(String file, String field, String problem) {
        @Override
        public String toString() {
            return file + ": " + (field.isEmpty() ? "" : field + ": ") + problem;
        }
    }

    private final List<Problem> problems;

    public TopicDefinitionException(List<Problem> problems) {
        super("invalid topic definitions:\n  " + problems.stream().map(Problem::toString)
                .collect(Collectors.joining("\n  ")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
