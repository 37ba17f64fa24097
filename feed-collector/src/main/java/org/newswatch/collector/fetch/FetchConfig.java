package org.newswatch.collector.fetch;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the collector fetches feeds. */
@ConfigMapping(prefix = "newswatch.collector.fetch")
public interface FetchConfig {

    /** Time allowed to open a TCP (and TLS) connection to a feed's server. */
    @WithDefault("10s")
    Duration connectTimeout();

    /** Time allowed for the whole fetch, redirects and body included: a server trickling bytes ends here. */
    @WithDefault("30s")
    Duration deadline();

    /** Largest body read, before and after decompression; the transfer is cut as soon as it is exceeded. */
    @WithDefault("10485760")
    long maxBodyBytes();

    /** Redirect hops followed before giving up. */
    @WithDefault("5")
    int maxRedirects();

    /**
     * Where server operators learn who polls them; goes into the User-Agent. Deployments set their own
     * ({@code NEWSWATCH_COLLECTOR_FETCH_PROJECT_URL}); the default names the software without pretending to a site.
     */
    @WithDefault("https://newswatch.invalid/feed-collector")
    String projectUrl();
}
