package org.newswatch.testkit;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A restart of a Quarkus application's test database, as the application sees it: from {@link #begin()} on, open
 * connections are ended and new ones refused; {@link #close()} lets them in again. Use it in try-with-resources (or
 * close it in {@code @AfterEach}) so that the database is never left refusing the tests that follow.
 */
public final class DatabaseOutage implements AutoCloseable {

    private final String database;
    private boolean refusing;

    private DatabaseOutage(String database) {
        this.database = database;
    }

    /** Begins an outage of the database at {@code quarkus.datasource.jdbc.url} of the application under test. */
    public static DatabaseOutage begin() {
        String jdbcUrl = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        DatabaseOutage outage = new DatabaseOutage(TestPostgres.databaseOf(jdbcUrl));
        outage.refusing = true;
        try {
            TestPostgres.shared().refuseConnections(outage.database);
        } catch (RuntimeException e) {
            outage.close();
            throw e;
        }
        return outage;
    }

    /** Ends the outage; calling it again does nothing. */
    @Override
    public void close() {
        if (refusing) {
            TestPostgres.shared().allowConnections(database);
            refusing = false;
        }
    }
}
