package org.newswatch.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Waits until every service's /q/health says UP. A service whose process exits, or that is not UP before the
 * deadline, fails the wait at once: there is no point in waiting for the others.
 */
final class HealthWaiter {

    /** One service to wait for. */
    record Target(Service service, ProcessHandle process, Path log) {
    }

    /** The overall status comes first in SmallRye Health's JSON: {"status": "UP", "checks": [...]}. */
    private static final Pattern OVERALL_UP = Pattern.compile("^\\s*\\{\\s*\"status\"\\s*:\\s*\"UP\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final Console console;

    HealthWaiter(Console console) {
        this.console = console;
    }

    static boolean isUp(int statusCode, String body) {
        return statusCode == 200 && body != null && OVERALL_UP.matcher(body).find();
    }

    /** One probe: true when the service answers 200 with status UP. */
    boolean probe(Service service) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.healthUrl()))
                .timeout(Duration.ofSeconds(3))
                .header("Accept", "application/json")
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return isUp(response.statusCode(), response.body());
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits for all targets, printing each as it becomes healthy; throws a LaunchFailure naming the first failure. */
    void awaitAll(List<Target> targets, Duration timeout, long startNanos) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Target> waiting = new LinkedHashMap<>();
        targets.forEach(t -> waiting.put(t.service().name(), t));
        while (!waiting.isEmpty()) {
            for (Target target : new ArrayList<>(waiting.values())) {
                if (probe(target.service())) {
                    waiting.remove(target.service().name());
                    console.ok(target.service().name() + " UP on " + target.service().publicUrl(""), startNanos);
                } else if (!OwnedProcesses.isRunning(target.process())) {
                    throw new LaunchFailure(target.service().name() + " exited before it became healthy; see "
                            + target.log(), target.log());
                }
            }
            if (waiting.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                Target first = waiting.values().iterator().next();
                String where = waiting.size() == 1 ? "see " + first.log()
                        : "see their logs in " + first.log().getParent();
                throw new LaunchFailure(String.join(", ", waiting.keySet()) + " not healthy after "
                        + timeout.toSeconds() + " s (" + first.service().healthUrl() + "); " + where, first.log());
            }
            if (!Pause.sleep(500)) {
                throw new LaunchFailure("interrupted while waiting for the services");
            }
        }
    }
}
