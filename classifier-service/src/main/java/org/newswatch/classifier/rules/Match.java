package org.newswatch.classifier.rules;

/**
 * One term of a group found in a field: words {@code [first, last]} of field {@code field}.
 *
 * @param group    global index of the term group
 * @param field    index of the field in the article (title 0, summary 1, content 2)
 * @param first    index of its first word
 * @param last     index of its last word
 * @param sentence the sentence of its first word
 * @param weight   the term's weight
 */
record Match(int group, int field, int first, int last, int sentence, double weight) {

    boolean overlaps(Match other) {
        return field == other.field && first <= other.last && other.first <= last;
    }

    /** Words between the two matches in the same field (0 when adjacent or overlapping). */
    int gap(Match other) {
        if (first > other.last) {
            return first - other.last - 1;
        }
        if (other.first > last) {
            return other.first - last - 1;
        }
        return 0;
    }

    boolean contains(Match other) {
        return field == other.field && first <= other.first && other.last <= last;
    }
}
