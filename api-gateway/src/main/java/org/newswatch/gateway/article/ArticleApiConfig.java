package org.newswatch.gateway.article;

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
}
