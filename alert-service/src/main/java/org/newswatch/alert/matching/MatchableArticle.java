package org.newswatch.alert.matching;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.newswatch.contracts.ArticleClassified;
import org.newswatch.contracts.ArticleCollected;
import org.newswatch.contracts.TopicScore;

/**
 * An article prepared once for testing against many subscriptions: its flagged topic scores, its language,
 * the names its source goes by, and an index of its words (title, summary and content; a phrase never spans
 * two of them).
 */
public final class MatchableArticle {

    private final ArticleClassified event;
    private final Map<String, Double> flaggedScores = new HashMap<>();
    private final String language;
    private final Set<String> sourceKeys = new HashSet<>();
    private final List<String> words = new ArrayList<>();
    private final Map<String, List<Integer>> positions = new HashMap<>();

    public MatchableArticle(ArticleClassified event) {
        this.event = event;
        for (TopicScore topic : event.classification().topics()) {
            if (topic.flagged()) {
                flaggedScores.merge(topic.topic(), topic.score(), Math::max);
            }
        }
        ArticleCollected article = event.article();
        String detected = event.classification().language();
        this.language = primaryLanguage("und".equalsIgnoreCase(detected) ? article.language() : detected);
        addSourceKeys(article);
        index(article.title());
        index(article.summary());
        index(article.content());
    }

    public ArticleClassified event() {
        return event;
    }

    /** The score of {@code topic} when it is flagged, else null. */
    Double flaggedScore(String topic) {
        return flaggedScores.get(topic);
    }

    /** The article's primary language subtag in lower case ({@code fr}), or null when unknown. */
    String language() {
        return language;
    }

    boolean hasSourceKey(String key) {
        return sourceKeys.contains(key);
    }

    /** Whether the words of {@code keyword} occur in the article, consecutively. */
    boolean contains(Keyword keyword) {
        List<String> phrase = keyword.words();
        List<Integer> starts = positions.get(phrase.get(0));
        if (starts == null) {
            return false;
        }
        for (int start : starts) {
            if (followedBy(start, phrase)) {
                return true;
            }
        }
        return false;
    }

    private boolean followedBy(int start, List<String> phrase) {
        if (start + phrase.size() > words.size()) {
            return false;
        }
        for (int i = 1; i < phrase.size(); i++) {
            if (!phrase.get(i).equals(words.get(start + i))) {
                return false;
            }
        }
        return true;
    }

    private void index(String text) {
        for (String word : Words.of(text)) {
            positions.computeIfAbsent(word, w -> new ArrayList<>(2)).add(words.size());
            words.add(word);
        }
        // A field boundary: no phrase continues from the title into the summary.
        words.add("");
    }

    private void addSourceKeys(ArticleCollected article) {
        if (article.source() != null && !article.source().isBlank()) {
            sourceKeys.add(SourceNames.normalise(article.source()));
        }
        sourceKeys.add(SourceNames.normalise(article.feedId()));
        for (String link : new String[] {article.canonicalUrl(), article.url(), article.feedUrl()}) {
            String host = hostOf(link);
            if (host == null) {
                continue;
            }
            // www.lemonde.fr is also lemonde.fr; a bare top-level domain is never a source.
            String name = host.startsWith("www.") ? host.substring(4) : host;
            sourceKeys.add(host);
            while (name.indexOf('.') > 0) {
                sourceKeys.add(name);
                name = name.substring(name.indexOf('.') + 1);
            }
        }
    }

    private static String hostOf(String link) {
        if (link == null || link.isBlank()) {
            return null;
        }
        try {
            String host = URI.create(link.strip()).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String primaryLanguage(String tag) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        int dash = tag.indexOf('-');
        return (dash < 0 ? tag : tag.substring(0, dash)).strip().toLowerCase(Locale.ROOT);
    }
}
