package org.newswatch.gateway.article;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the article API. */
@ConfigMapping(prefix = "newswatch.gateway.articles")
public interface ArticleApiConfig {

    /** Articles per page when the request gives no {@code limit}. */
    @WithDefault("20")
    int defaultLimit();

    /** The largest {@code limit} a request may ask for. */
    @WithDefault("100")
    int maxLimit();

    /** The longest full-text query {@code q}, in characters. */
    @WithDefault("500")
    int maxQueryLength();

    /**
     * The longest a search or article read may take in the database (whole seconds, at least 1); a longer one is
     * cancelled and answers 503 {@code search-timeout}, so that no request holds a connection for long.
     */
    @WithDefault("5s")
    Duration queryTimeout();
}
