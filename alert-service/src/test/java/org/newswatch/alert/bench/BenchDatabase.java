package org.newswatch.alert.bench;

import java.util.HashMap;
import java.util.Map;

import org.newswatch.testkit.TestPostgres;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh database on the test-kit PostgreSQL server for one benchmark run: a data source for the benchmark
 * itself and the settings that point the packaged service at it. Dropped on close.
 */
final class BenchDatabase implements AutoCloseable {

    private final TestPostgres.Database database;
    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();

    BenchDatabase(String purpose) {
        database = TestPostgres.shared().createDatabase(purpose);
        dataSource.setUrl(database.jdbcUrl());
        if (database.username() != null) {
            dataSource.setUser(database.username());
        }
        if (database.password() != null) {
            dataSource.setPassword(database.password());
        }
    }

    PGSimpleDataSource dataSource() {
        return dataSource;
    }

    /** The service's datasource settings, its broker, and a quiet Kafka client log. */
    Map<String, String> serviceSettings(String bootstrapServers) {
        Map<String, String> settings = new HashMap<>();
        settings.put("kafka.bootstrap.servers", bootstrapServers);
        settings.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
        if (database.username() != null) {
            settings.put("quarkus.datasource.username", database.username());
        }
        if (database.password() != null) {
            settings.put("quarkus.datasource.password", database.password());
        }
        settings.put("quarkus.log.category.\"org.apache.kafka\".level", "WARN");
        return settings;
    }

    @Override
    public void close() {
        TestPostgres.shared().dropDatabase(database);
    }
}
