package org.newswatch.gateway.stream;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The live stream of flagged articles. */
@ConfigMapping(prefix = "newswatch.gateway.stream")
public interface StreamConfig {

    /** How often an idle stream gets an SSE comment, so that clients and proxies keep it open. */
    @WithDefault("15s")
    Duration heartbeat();

    /**
     * How often the stream looks for new events without being notified: the bound on the delay of an event whose
     * NOTIFY was lost (say, while the listening connection was being replaced).
     */
    @WithDefault("2s")
    Duration catchUpInterval();

    /** Events buffered for one client that does not read; beyond this it is dropped (it resumes with Last-Event-ID). */
    @WithDefault("512")
    int clientBuffer();

    /** The most events replayed on a resume; when more were missed, the newest are replayed. */
    @WithDefault("1000")
    int maxReplay();
}
