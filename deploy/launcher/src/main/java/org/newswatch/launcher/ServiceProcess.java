package org.newswatch.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Starts one newswatch service from its quarkus-run.jar with the local profile. */
final class ServiceProcess {

    static final String KAFKA_VARIABLE = "KAFKA_BOOTSTRAP_SERVERS";
    static final String ADMIN_KEY_VARIABLE = "NEWSWATCH_ADMIN_KEY";
    static final String SERVICE_KEY_VARIABLE = "NEWSWATCH_SERVICE_KEY";

    private ServiceProcess() {
    }

    static Process start(Service service, Path repository, DatabaseTarget database, StateDirectory state,
            OwnedProcesses processes, DetachedProcessStarter starter, Map<String, String> launcherEnvironment) {
        // LocalStack.requireBuildOutput has checked that the jar is there.
        Path jar = service.runnerJar(repository);
        Path log = state.rotateLog(service.name());
        return starter.start(service.name(), command(service, jar, processes), environment(service, database,
                launcherEnvironment, serviceKey(launcherEnvironment, state), adminKey(launcherEnvironment, state)),
                log);
    }

    static List<String> command(Service service, Path jar, OwnedProcesses processes) {
        List<String> command = new ArrayList<>();
        command.add(DetachedProcessStarter.javaExecutable());
        command.addAll(processes.markers(service.name()));
        // Four services, a broker and a database on a laptop: cap each heap. C2 stays on (long-running JVMs).
        command.add("-Xmx512m");
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add(commonPoolParallelism());
        command.add("-Dquarkus.profile=local");
        // Loopback only: the local profile allows loopback/private feed and webhook addresses, which must not
        // be reachable from the network.
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dquarkus.http.port=" + service.port());
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    /**
     * At least 2. On one or two CPUs the JDK's common pool has parallelism 1, and CompletableFuture then runs every
     * asynchronous stage on a new thread; the JDK HTTP client (the collector's fetches, the alert service's
     * webhooks) pays for one on every request. Measured with the alert service's DeliveryBenchmark on two cores:
     * 1,286 and 1,990 webhooks/s with it against 892 to 1,029 without.
     */
    static String commonPoolParallelism() {
        return "-Djava.util.concurrent.ForkJoinPool.common.parallelism="
                + Math.max(2, Runtime.getRuntime().availableProcessors() - 1);
    }

    /**
     * What a service gets on top of the launcher's environment (from which {@link DetachedProcessStarter} removes
     * NEWSWATCH_DB_*, NEWSWATCH_ADMIN_KEY and NEWSWATCH_SERVICE_KEY): where Kafka and the service's database are,
     * the service key that guards the services' mutating endpoints, and for the gateway alone the admin API key
     * (this is the one place that passes it on). A null value removes an inherited variable.
     */
    static Map<String, String> environment(Service service, DatabaseTarget database,
            Map<String, String> launcherEnvironment, String serviceKey, String adminKey) {
        Map<String, String> environment = new HashMap<>();
        environment.put(KAFKA_VARIABLE, KafkaProcess.BOOTSTRAP_SERVERS);
        environment.put(SERVICE_KEY_VARIABLE, serviceKey);
        if (service.equals(Service.GATEWAY)) {
            environment.put(ADMIN_KEY_VARIABLE, adminKey);
        }
        if (service.database().isPresent()) {
            environment.put("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl(service.database().get()));
            environment.put("QUARKUS_DATASOURCE_USERNAME", database.user());
            environment.put("QUARKUS_DATASOURCE_PASSWORD", database.password());
        }
        return environment;
    }

    /** NEWSWATCH_SERVICE_KEY when the user set one, else the key kept in the state directory. */
    static String serviceKey(Map<String, String> launcherEnvironment, StateDirectory state) {
        String given = launcherEnvironment.get(SERVICE_KEY_VARIABLE);
        return given != null && !given.isBlank() ? given : state.serviceKey();
    }

    /** NEWSWATCH_ADMIN_KEY when the user set one, else the admin key kept in the state directory. */
    static String adminKey(Map<String, String> launcherEnvironment, StateDirectory state) {
        String given = launcherEnvironment.get(ADMIN_KEY_VARIABLE);
        return given != null && !given.isBlank() ? given : state.adminKey();
    }
}
