package org.newswatch.classifier;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.newswatch.classifier.language.LanguageIdentifier;
import org.newswatch.classifier.language.LanguageSettings;
import org.newswatch.classifier.text.TextLimits;
import org.newswatch.classifier.topic.TopicCatalog;

import io.quarkus.runtime.Startup;

/** Builds the classifier once at start-up, so invalid topic files stop the service before it takes traffic. */
public class ClassifierProducer {

    private static final Logger LOG = Logger.getLogger(ClassifierProducer.class);

    @Produces
    @Singleton
    @Startup
    TopicClassifier classifier(ClassifierConfig config) {
        long started = System.nanoTime();
        TopicCatalog catalog = TopicCatalog.load(config.topicsDir());
        ClassifierConfig.Language language = config.language();
        LanguageIdentifier languages = new LanguageIdentifier(new LanguageSettings(language.sampleChars(),
                language.minimumLetters(), language.minimumRelativeDistance(), language.lowAccuracy()));
        ClassifierConfig.Limits limits = config.limits();
        TopicClassifier classifier = new TopicClassifier(catalog, languages,
                new TextLimits(limits.titleChars(), limits.summaryChars(), limits.contentChars()));
        LOG.infof("classifier %s ready in %d ms with topics %s", classifier.version(),
                (System.nanoTime() - started) / 1_000_000,
                catalog.topics().stream().map(topic -> topic.id() + " (" + topic.source() + ")").toList());
        return classifier;
    }
}
