package org.newswatch.alert.matching;

import java.net.URI;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.newswatch.contracts.ArticleClassified;
import org.newswatch.contracts.TopicScore;

/**
 * A deliberately plain second implementation of the matching rules, written from the README's wording
 * (regular expressions over each field instead of a word index), to check the service's matches against.
 */
final class ReferenceMatcher {

    private ReferenceMatcher() {
    }

    static boolean matches(SubscriptionFleet.Member s, ArticleClassified event) {
        if (!"active".equals(s.status()) || !s.addressReceives()) {
            return false;
        }
        boolean topic = false;
        for (TopicScore score : event.classification().topics()) {
            if (score.flagged() && s.topics().contains(score.topic()) && score.score() >= s.minScore()) {
                topic = true;
            }
        }
        if (!topic) {
            return false;
        }
        String language = event.classification().language();
        if (!s.languages().isEmpty()
                && s.languages().stream().noneMatch(l -> l.split("-")[0].equalsIgnoreCase(language))) {
            return false;
        }
        if (!s.sources().isEmpty() && s.sources().stream().noneMatch(source -> fromSource(source, event))) {
            return false;
        }
        if (s.keywords().isEmpty()) {
            return true;
        }
        List<String> fields = List.of(event.article().title(), event.article().summary(), event.article().content());
        long found = s.keywords().stream().filter(k -> fields.stream().anyMatch(f -> occurs(k, f))).count();
        return "all".equals(s.keywordsMode()) ? found == s.keywords().size() : found > 0;
    }

    private static boolean fromSource(String source, ArticleClassified event) {
        String wanted = source.toLowerCase(Locale.ROOT);
        if (wanted.startsWith("http")) {
            wanted = URI.create(wanted).getHost().replaceFirst("^www\\.", "");
        }
        String host = URI.create(event.article().url()).getHost().toLowerCase(Locale.ROOT);
        return wanted.equalsIgnoreCase(event.article().source()) || wanted.equalsIgnoreCase(event.article().feedId())
                || host.equals(wanted) || host.endsWith("." + wanted);
    }

    private static boolean occurs(String keyword, String text) {
        String[] words = plain(keyword.replace("\"", "")).split("[^\\p{L}\\p{N}]+");
        String phrase = String.join("[^\\p{L}\\p{N}]+", java.util.Arrays.stream(words).filter(w -> !w.isEmpty())
                .map(Pattern::quote).toList());
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + phrase + "(?![\\p{L}\\p{N}])").matcher(plain(text)).find();
    }

    private static String plain(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }
}
