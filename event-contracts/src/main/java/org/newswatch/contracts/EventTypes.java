package org.newswatch.contracts;

/** CloudEvents {@code type} attribute of each event, versioned like the topics. */
public final class EventTypes {

    public static final String ARTICLE_COLLECTED = "org.newswatch.article.collected.v1";
    public static final String ARTICLE_CLASSIFIED = "org.newswatch.article.classified.v1";

    private EventTypes() {
    }
}
