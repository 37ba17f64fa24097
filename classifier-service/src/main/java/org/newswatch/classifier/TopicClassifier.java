package org.newswatch.classifier;

import java.util.List;

import org.newswatch.classifier.language.LanguageIdentifier;
import org.newswatch.classifier.rules.RuleEngine;
import org.newswatch.classifier.text.PreparedField;
import org.newswatch.classifier.text.TextLimits;
import org.newswatch.classifier.text.TextPreparer;
import org.newswatch.classifier.topic.TopicCatalog;
import org.newswatch.contracts.Classification;
import org.newswatch.contracts.TopicScore;

/**
 * Classifies one text: prepares its fields, tells its language, scores every topic. The same input and
 * topic files always give the same classification. Thread-safe.
 */
public final class TopicClassifier {

    private final TopicCatalog catalog;
    private final LanguageIdentifier languages;
    private final TextPreparer preparer;
    private final RuleEngine engine;

    public TopicClassifier(TopicCatalog catalog, LanguageIdentifier languages, TextLimits limits) {
        this.catalog = catalog;
        this.languages = languages;
        this.preparer = new TextPreparer(limits);
        this.engine = RuleEngine.compile(catalog.topics());
    }

    /**
     * @param title            plain text or HTML; null is empty
     * @param summary          plain text or HTML; null is empty
     * @param content          plain text or HTML; null is empty; only its first characters are read
     * @param declaredLanguage the language the source declares, used when the text is too short to tell; or null
     */
    public Classification classify(String title, String summary, String content, String declaredLanguage) {
        List<PreparedField> fields = List.of(preparer.title(title), preparer.summary(summary), preparer.content(content));
        String language = languages.identify(readable(fields), declaredLanguage);
        return Classification.of(language, catalog.version(), engine.score(fields, language));
    }

    /** Like {@link #classify} for a text whose language is already known (no detection; benchmarks, tools). */
    public Classification classifyInLanguage(String title, String summary, String content, String language) {
        List<PreparedField> fields = List.of(preparer.title(title), preparer.summary(summary), preparer.content(content));
        List<TopicScore> scores = engine.score(fields, language);
        return Classification.of(language, catalog.version(), scores);
    }

    public TopicCatalog catalog() {
        return catalog;
    }

    public String version() {
        return catalog.version();
    }

    private static String readable(List<PreparedField> fields) {
        StringBuilder text = new StringBuilder();
        for (PreparedField field : fields) {
            if (!field.plain().isBlank()) {
                if (!text.isEmpty()) {
                    text.append(". ");
                }
                // Language detection reads only the opening; no need to copy a long content whole.
                text.append(field.plain(), 0, Math.min(field.plain().length(), 2_000));
            }
        }
        return text.toString();
    }
}
