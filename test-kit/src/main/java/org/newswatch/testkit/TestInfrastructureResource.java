package org.newswatch.testkit;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceConfigurableLifecycleManager;

/** Wires the shared broker and a fresh database into a Quarkus application under test. */
public class TestInfrastructureResource implements QuarkusTestResourceConfigurableLifecycleManager<WithTestInfrastructure> {

    private boolean needsDatabase = true;
    private TestPostgres.Database database;

    @Override
    public void init(WithTestInfrastructure annotation) {
        needsDatabase = annotation.database();
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", KafkaBroker.shared().bootstrapServers());
        if (needsDatabase) {
            database = TestPostgres.shared().createDatabase("app");
            config.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
            // Credentials may also travel inside the JDBC URL, as NEWSWATCH_TEST_DB_URL allows.
            if (database.username() != null) {
                config.put("quarkus.datasource.username", database.username());
            }
            if (database.password() != null) {
                config.put("quarkus.datasource.password", database.password());
            }
        }
        return config;
    }

    @Override
    public void stop() {
        if (database != null) {
            TestPostgres.shared().dropDatabase(database);
            database = null;
        }
    }
}
