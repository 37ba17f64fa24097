package org.newswatch.alert.delivery;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Public addresses that alerts point people to: all of them served through the api-gateway. */
@ConfigMapping(prefix = "newswatch.alert")
public interface PublicLinks {

    /** The gateway URL of an article, without the article id: {@code <base><article id>}. */
    @WithDefault("http://localhost:8080/api/v1/articles/")
    String articleLinkBase();

    /**
     * The gateway's public base URL, under which it forwards {@code /api/v1/confirm} and
     * {@code /api/v1/unsubscribe} to this service; the links in e-mails start with it.
     */
    @WithDefault("http://localhost:8080")
    String publicBaseUrl();

    default String article(String articleId) {
        String base = articleLinkBase();
        return (base.endsWith("/") ? base : base + "/") + URLEncoder.encode(articleId, StandardCharsets.UTF_8);
    }

    /** An absolute public URL for {@code path} (which starts with a slash). */
    default String publicUrl(String path) {
        String base = publicBaseUrl();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
}
