package org.newswatch.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** One of the four newswatch services: its Maven module, HTTP port and, if it owns one, its database. */
record Service(String name, String module, int port, Optional<String> database) {

    static final List<Service> ALL = List.of(
            new Service("api-gateway", "api-gateway", 8080, Optional.of("newswatch_gateway")),
            new Service("feed-collector", "feed-collector", 8081, Optional.of("newswatch_collector")),
            new Service("classifier-service", "classifier-service", 8082, Optional.empty()),
            new Service("alert-service", "alert-service", 8083, Optional.of("newswatch_alert")));

    /** The fast-jar runner that {@code mvn install} builds. */
    Path runnerJar(Path repository) {
        return repository.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
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
