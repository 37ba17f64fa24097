package org.newswatch.collector;

import java.sql.SQLException;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.newswatch.testkit.TestPostgres;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;

/**
 * A fresh database on the test PostgreSQL server, migrated by the collector's own Flyway scripts, behind a
 * connection pool: the collector's classes outside Quarkus (plain tests, the benchmark) use it as the service would.
 */
public final class MigratedDatabase implements AutoCloseable {

    private final TestPostgres.Database database;
    private final AgroalDataSource dataSource;

    public MigratedDatabase(String purpose, int poolSize) {
        database = TestPostgres.shared().createDatabase(purpose);
        try {
            dataSource = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                    .connectionPoolConfiguration(pool -> pool.maxSize(poolSize)
                            .connectionFactoryConfiguration(factory -> {
                                factory.jdbcUrl(database.jdbcUrl());
                                if (database.username() != null) {
                                    factory.principal(new NamePrincipal(database.username()));
                                }
                                if (database.password() != null) {
                                    factory.credential(new SimplePassword(database.password()));
                                }
                                return factory;
                            })));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open a pool to " + database.name(), e);
        }
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
        TestPostgres.shared().dropDatabase(database);
    }
}
