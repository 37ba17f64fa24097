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

    /**
     * Live events buffered for one client beyond what it has read (plus, on a resume, the replay); when they do not
     * fit, the client is dropped and resumes with Last-Event-ID. The buffer holds references to events shared by
     * every client, so a large one costs little; it must absorb a burst of flagged articles.
     */
    @WithDefault("4096")
    int clientBuffer();

    /** The most events replayed on a resume; when more were missed, the newest are replayed. */
    @WithDefault("1000")
    int maxReplay();
}
