package org.newswatch.classifier;

import org.newswatch.classifier.language.LanguageIdentifier;
import org.newswatch.classifier.language.LanguageSettings;
import org.newswatch.classifier.text.TextLimits;
import org.newswatch.classifier.topic.TopicCatalog;

/** One classifier over the shipped topics for the plain unit tests of a JVM (Lingua's models load once). */
public final class TestClassifiers {

    private static TopicClassifier shared;
    private static LanguageIdentifier languages;

    private TestClassifiers() {
    }

    public static synchronized TopicClassifier shared() {
        if (shared == null) {
            shared = new TopicClassifier(TopicCatalog.bundled(), languages(), TextLimits.DEFAULT);
        }
        return shared;
    }

    public static synchronized LanguageIdentifier languages() {
        if (languages == null) {
            languages = new LanguageIdentifier(LanguageSettings.DEFAULT);
        }
        return languages;
    }
}
