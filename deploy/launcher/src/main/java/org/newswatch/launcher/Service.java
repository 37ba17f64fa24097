package org.newswatch.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One of the four newswatch services: its name (also its Maven module's folder), HTTP port and, if it owns one,
 * its database.
 */
record Service(String name, int port, Optional<String> database) {

    /** The API and the dashboard. */
    static final Service GATEWAY = new Service("api-gateway", 8080, Optional.of("newswatch_gateway"));

    static final List<Service> ALL = List.of(
            GATEWAY,
            new Service("feed-collector", 8081, Optional.of("newswatch_collector")),
            new Service("classifier-service", 8082, Optional.empty()),
            new Service("alert-service", 8083, Optional.of("newswatch_alert")));

    /** The fast-jar runner that {@code mvn install} builds. */
    Path runnerJar(Path repository) {
        return repository.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
    }

    String healthUrl() {
        return "http://127.0.0.1:" + port + "/q/health";
    }

    String publicUrl(String path) {
        return "http://localhost:" + port + path;
    }

    static List<String> databases() {
        return ALL.stream().flatMap(s -> s.database().stream()).toList();
    }
}
