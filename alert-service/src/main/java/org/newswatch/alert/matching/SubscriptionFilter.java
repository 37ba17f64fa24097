package org.newswatch.alert.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.newswatch.alert.subscription.KeywordMode;
import org.newswatch.alert.subscription.Subscription;

/**
 * The content conditions of a subscription, compiled for testing many articles. An article matches when
 * <ul>
 * <li>one of the subscription's topics is flagged in it with a score of at least {@code minScore};</li>
 * <li>its language is one of {@code languages} (compared on the primary subtag: {@code fr-CA} matches any
 * French story, since the classifier detects languages, not regions), or {@code languages} is empty;</li>
 * <li>its source name, feed id or host (or a parent domain of it) is one of {@code sources}, or
 * {@code sources} is empty;</li>
 * <li>its title, summary or content contain any / all of the keywords (whole words, phrases as consecutive
 * words, ignoring case and accents), or there are no keywords.</li>
 * </ul>
 * The same filter serves matching and previews, so a preview shows exactly what would be delivered.
 */
public final class SubscriptionFilter {

    private final List<String> topics;
    private final double minScore;
    private final Set<String> languages;
    private final Set<String> sources;
    private final List<Keyword> keywords;
    private final KeywordMode keywordMode;

    public SubscriptionFilter(List<String> topics, double minScore, List<String> languages, List<String> sources,
            List<String> keywords, KeywordMode keywordMode) {
        this.topics = List.copyOf(topics);
        this.minScore = minScore;
        this.languages = languages.stream().map(MatchableArticle::primaryLanguage).collect(Collectors.toSet());
        this.sources = sources.stream().map(SourceNames::normalise).collect(Collectors.toSet());
        this.keywords = keywords.stream().map(Keyword::parse).toList();
        this.keywordMode = keywordMode;
    }

    public static SubscriptionFilter of(Subscription subscription) {
        return new SubscriptionFilter(subscription.topics(), subscription.minScore(), subscription.languages(),
                subscription.sources(), subscription.keywords(), subscription.keywordMode());
    }

    /** Why the article matches, or empty when it does not. */
    public Optional<Match> test(MatchableArticle article) {
        List<Match.TopicHit> hits = new ArrayList<>(1);
        for (String topic : topics) {
            Double score = article.flaggedScore(topic);
            if (score != null && score >= minScore) {
                hits.add(new Match.TopicHit(topic, score));
            }
        }
        if (hits.isEmpty()) {
            return Optional.empty();
        }
        if (!languages.isEmpty() && (article.language() == null || !languages.contains(article.language()))) {
            return Optional.empty();
        }
        if (!sources.isEmpty() && sources.stream().noneMatch(article::hasSourceKey)) {
            return Optional.empty();
        }
        if (keywords.isEmpty()) {
            return Optional.of(new Match(hits, List.of()));
        }
        List<String> found = new ArrayList<>(keywords.size());
        for (Keyword keyword : keywords) {
            if (article.contains(keyword)) {
                found.add(keyword.text());
                if (keywordMode == KeywordMode.ANY) {
                    break;
                }
            } else if (keywordMode == KeywordMode.ALL) {
                return Optional.empty();
            }
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(new Match(hits, found));
    }
}
