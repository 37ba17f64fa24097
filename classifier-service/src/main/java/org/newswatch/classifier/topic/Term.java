package org.newswatch.classifier.topic;

/**
 * One term as written in a topic file: words separated by spaces, matched on word boundaries, ignoring case
 * and accents; a word ending in {@code *} matches every word it starts (e.g. {@code sanction*}).
 *
 * @param pattern the term as written
 * @param weight  in (0, 1]; how sure a match of this term is to mean what the group means
 */
public record Term(String pattern, double weight) {
}
