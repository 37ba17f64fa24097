package org.newswatch.contracts;

import java.time.Instant;

/**
 * An article as collected together with its classification, published for every article, flagged or not,
 * on {@link Topics#CLASSIFIED}. It carries the whole article so its consumers never ask another service.
 *
 * @param article        the article as the collector published it
 * @param classification the verdict
 * @param classifiedAt   when the classifier produced the verdict
 */
public record ArticleClassified(ArticleCollected article, Classification classification, Instant classifiedAt) {

    public ArticleClassified {
        Checks.requirePresent(article, "article");
        Checks.requirePresent(classification, "classification");
        Checks.requirePresent(classifiedAt, "classifiedAt");
    }

    /**
     * CloudEvents attributes for this event. Re-classifying an article with another classifier version is a
     * new event; the same version classifying it again is the same event.
     */
    public CloudEventAttributes cloudEvent(String source) {
        return new CloudEventAttributes(article.id() + "@" + classification.classifierVersion(),
                EventTypes.ARTICLE_CLASSIFIED, source, classifiedAt);
    }
}
