package org.newswatch.testkit;

import java.time.Duration;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A restart of a Quarkus application's test database, as the application sees it: from {@link #begin} on, open
 * connections are ended and new ones refused (SQLSTATE 55000, "not currently accepting connections"), until
 * {@link #close()} lets them in again. Use it in try-with-resources so that the database is never left refusing
 * the tests that follow.
 */
public final class DatabaseOutage implements AutoCloseable {

    private final String database;
    private final long endsAtNanos;
    private boolean refusing;

    private DatabaseOutage(String database, Duration length) {
        this.database = database;
        this.endsAtNanos = System.nanoTime() + length.toNanos();
    }

    /**
     * Begins an outage of the database at {@code quarkus.datasource.jdbc.url} of the application under test that
     * lasts at least {@code length}: whatever the test does meanwhile, {@link #close()} waits out the rest.
     */
    public static DatabaseOutage begin(Duration length) {
        String jdbcUrl = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        DatabaseOutage outage = new DatabaseOutage(TestPostgres.databaseOf(jdbcUrl), length);
        outage.refusing = true;
        try {
            TestPostgres.shared().refuseConnections(outage.database);
        } catch (RuntimeException e) {
            outage.allow();
            throw e;
        }
        return outage;
    }

    /** Ends the outage once its length has passed; calling it again does nothing. */
    @Override
    public void close() throws InterruptedException {
        try {
            // The outage itself: the only wait a test does on purpose.
            long left = endsAtNanos - System.nanoTime();
            if (refusing && left > 0) {
                Thread.sleep(Duration.ofNanos(left).toMillis());
            }
        } finally {
            allow();
        }
    }

    private void allow() {
        if (refusing) {
            TestPostgres.shared().allowConnections(database);
            refusing = false;
        }
    }
}
