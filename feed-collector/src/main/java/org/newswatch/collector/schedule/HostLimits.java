package org.newswatch.collector.schedule;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Counts this instance's fetches in flight per host, so no server gets more than its share at once. */
final class HostLimits {

    private final int perHost;
    private final ConcurrentMap<String, Integer> inFlight = new ConcurrentHashMap<>();

    HostLimits(int perHost) {
        this.perHost = perHost;
    }

    boolean tryAcquire(String host) {
        boolean[] acquired = new boolean[1];
        inFlight.compute(host, (h, count) -> {
            int current = count == null ? 0 : count;
            acquired[0] = current < perHost;
            return acquired[0] ? current + 1 : current;
        });
        return acquired[0];
    }

    void release(String host) {
        inFlight.computeIfPresent(host, (h, count) -> count <= 1 ? null : count - 1);
    }
}
