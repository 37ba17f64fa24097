package org.newswatch.collector.feed;

import java.io.IOException;
import java.io.InputStream;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Loads the starter list into an empty registry on start, when enabled. Nothing here may stop the service: a
 * source that is refused is logged, and one that fails later shows as an unhealthy feed.
 */
@ApplicationScoped
public class StarterFeeds {

    private static final Logger LOG = Logger.getLogger(StarterFeeds.class);

    private final StarterFeedsConfig config;
    private final FeedRepository repository;
    private final FeedRegistry registry;

    public StarterFeeds(StarterFeedsConfig config, FeedRepository repository, FeedRegistry registry) {
        this.config = config;
        this.repository = repository;
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        try {
            if (repository.count() > 0) {
                LOG.debug("the registry has feeds; the starter list is not loaded");
                return;
            }
            FeedRegistry.ImportReport report = load();
            LOG.infof("starter list %s loaded: %d feeds added, %d refused", config.resource(), report.added().size(),
                    report.rejected().size());
            report.rejected().forEach(r -> LOG.warnf("starter feed %s refused: %s", r.url(), r.reason()));
        } catch (IOException | OpmlFormatException | RuntimeException e) {
            LOG.errorf(e, "the starter list %s could not be loaded; the registry stays empty", config.resource());
        }
    }

    FeedRegistry.ImportReport load() throws IOException, OpmlFormatException {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(config.resource())) {
            if (in == null) {
                throw new IOException("no " + config.resource() + " on the class path");
            }
            return registry.importOpml(OpmlReader.read(in.readAllBytes()));
        }
    }
}
