package org.newswatch.contracts;

/**
 * The Kafka topics newswatch services talk over. The schema version is part of the name: an
 * incompatible change to an event gets a new topic, never a silent change to an old one.
 */
public final class Topics {

    /** {@link ArticleCollected} records, keyed by article id; produced by the feed-collector. */
    public static final String ARTICLES = "news.articles.v1";

    /** {@link ArticleClassified} records for every article, flagged or not, keyed by article id. */
    public static final String CLASSIFIED = "news.classified.v1";

    /** Partitions per topic in the default setup: every consumer group scales to this many instances. */
    public static final int DEFAULT_PARTITIONS = 12;

    private static final String DEAD_LETTER_SUFFIX = ".dlq";

    private Topics() {
    }

    /** The dead-letter topic that receives the poison records of {@code topic}, with the error in headers. */
    public static String deadLetterOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
