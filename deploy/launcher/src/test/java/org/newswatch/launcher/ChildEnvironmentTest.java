package org.newswatch.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** What the children see of the launcher's environment: DetachedProcessStarter and ServiceProcess together. */
class ChildEnvironmentTest {

    private static final Map<String, String> LAUNCHER = Map.of(
            "PATH", "/usr/bin",
            "NEWSWATCH_DB_URL", "jdbc:postgresql://db/postgres?sslpassword=k",
            "NEWSWATCH_DB_USER", "alice",
            "NEWSWATCH_DB_PASSWORD", "s3cret",
            "NEWSWATCH_ADMIN_KEY", "adm1n",
            "NEWSWATCH_SERVICE_KEY", "svc-k3y",
            "QUARKUS_DATASOURCE_PASSWORD", "inherited");

    private final DatabaseTarget database = DatabaseTarget.fromEnvironment(LAUNCHER);

    @Test
    void kafkaGetsNeitherTheDatabaseCredentialsNorTheAdminKey() {
        Map<String, String> kafka = DetachedProcessStarter.childEnvironment(LAUNCHER, Map.of());

        assertEquals("/usr/bin", kafka.get("PATH"));
        assertTrue(kafka.keySet().stream().noneMatch(name -> name.startsWith("NEWSWATCH_")), kafka.toString());
    }

    @Test
    void aServiceWithoutDatabaseGetsNeitherTheAdminKeyNorDatabaseVariables() {
        Service classifier = service("classifier-service");
        assertEquals(Optional.empty(), classifier.database());

        Map<String, String> environment = DetachedProcessStarter.childEnvironment(LAUNCHER,
                ServiceProcess.environment(classifier, database, LAUNCHER, "svc-k3y", "adm1n"));

        assertFalse(environment.containsKey("NEWSWATCH_ADMIN_KEY"));
        assertEquals("svc-k3y", environment.get("NEWSWATCH_SERVICE_KEY"));
        assertEquals("127.0.0.1:9092", environment.get("KAFKA_BOOTSTRAP_SERVERS"));
        assertFalse(environment.containsKey("NEWSWATCH_DB_URL"));
        assertFalse(environment.containsKey("NEWSWATCH_DB_USER"));
        assertFalse(environment.containsKey("NEWSWATCH_DB_PASSWORD"));
    }

    @Test
    void aServiceWithADatabaseGetsItsOwnDatabaseOnly() {
        Map<String, String> environment = DetachedProcessStarter.childEnvironment(LAUNCHER,
                ServiceProcess.environment(service("alert-service"), database, LAUNCHER, "svc-k3y", "adm1n"));

        assertEquals("jdbc:postgresql://db/newswatch_alert?sslpassword=k", environment.get("QUARKUS_DATASOURCE_JDBC_URL"));
        assertEquals("alice", environment.get("QUARKUS_DATASOURCE_USERNAME"));
        assertEquals("s3cret", environment.get("QUARKUS_DATASOURCE_PASSWORD"));
        assertFalse(environment.containsKey("NEWSWATCH_ADMIN_KEY"));
        assertTrue(environment.keySet().stream().noneMatch(name -> name.startsWith("NEWSWATCH_DB_")));
    }

    @Test
    void aNullValueRemovesAnInheritedVariable() {
        Map<String, String> added = new HashMap<>();
        added.put("QUARKUS_DATASOURCE_PASSWORD", null);

        assertFalse(DetachedProcessStarter.childEnvironment(LAUNCHER, added).containsKey("QUARKUS_DATASOURCE_PASSWORD"));
    }

    @Test
    void onlyTheGatewayGetsTheAdminKey() {
        Map<String, String> launcher = Map.of("PATH", "/usr/bin");

        Map<String, String> environment = DetachedProcessStarter.childEnvironment(launcher,
                ServiceProcess.environment(service("api-gateway"), DatabaseTarget.embeddedServer(), launcher,
                        "generated", "nwk_generated"));

        assertEquals("nwk_generated", environment.get("NEWSWATCH_ADMIN_KEY"));
        assertEquals("generated", environment.get("NEWSWATCH_SERVICE_KEY"));
        assertEquals("postgres", environment.get("QUARKUS_DATASOURCE_USERNAME"));
    }

    private static Service service(String name) {
        return Service.ALL.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
