package org.newswatch.classifier;

import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Tunables of the classifier ({@code newswatch.classifier.*}). */
@ConfigMapping(prefix = "newswatch.classifier")
public interface ClassifierConfig {

    /**
     * A directory of topic files (*.yaml, *.yml, *.json) that replace shipped topics of the same id and add
     * new ones. Unset: the shipped topics only.
     */
    Optional<Path> topicsDir();

    /** The CloudEvents source of the events the classifier publishes. */
    @WithDefault("urn:newswatch:classifier-service")
    String eventSource();

    /** How much of each field is read. */
    Limits limits();

    /** Language detection. */
    Language language();

    interface Limits {
        /** Characters of the title read. */
        @WithDefault("1000")
        int titleChars();

        /** Characters of the summary read. */
        @WithDefault("10000")
        int summaryChars();

        /** Characters of the content read: the opening of a story says what it is about. */
        @WithDefault("20000")
        int contentChars();
    }

    interface Language {
        /**
         * Characters given to language detection: about a title and the start of a summary. 120 made no error
         * on the 336 dev items, 80 made two (README, "Benchmarks").
         */
        @WithDefault("120")
        int sampleChars();

        /** Below this many letters the text is too short to tell; the declared language is used. */
        @WithDefault("12")
        int minimumLetters();

        /** Lingua's minimum margin between the two likeliest languages. */
        @WithDefault("0.0")
        double minimumRelativeDistance();

        /** Lingua's low-accuracy mode: faster, less sure on short texts; no error on the corpus (see README). */
        @WithDefault("true")
        boolean lowAccuracy();
    }
}
