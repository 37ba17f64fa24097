package org.newswatch.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server for tests, shared by the JVM, in which each test run creates fresh databases.
 * The server is, in this order: the one at {@code NEWSWATCH_TEST_DB_URL} (user and password in the URL or in
 * {@code NEWSWATCH_TEST_DB_USER} / {@code NEWSWATCH_TEST_DB_PASSWORD}); a Testcontainers PostgreSQL when a
 * Docker engine answers; else an embedded server run from the PostgreSQL binaries on Maven Central.
 */
public final class TestPostgres {

    /** A database created for one test run. */
    public record Database(String name, String jdbcUrl, String username, String password) {
    }

    public static final String URL_VARIABLE = "NEWSWATCH_TEST_DB_URL";
    static final String CONTAINER_IMAGE = "postgres:18-alpine";

    private static final Pattern JDBC_URL = Pattern.compile("(jdbc:postgresql://[^/?]+)(/[^?]*)?(\\?.*)?");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static TestPostgres shared;

    private final String serverUrl;
    private final String username;
    private final String password;
    private final String description;
    private final AutoCloseable owned;

    private TestPostgres(String serverUrl, String username, String password, String description,
            AutoCloseable owned) {
        this.serverUrl = serverUrl;
        this.username = username;
        this.password = password;
        this.description = description;
        this.owned = owned;
    }

    /** The JVM's server, found or started on the first call. */
    public static synchronized TestPostgres shared() {
        if (shared == null) {
            shared = resolve();
            if (shared.owned != null) {
                Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "postgres-test-server-stop"));
            }
            System.out.printf("[test-kit] PostgreSQL: %s%n", shared.description);
        }
        return shared;
    }

    private static TestPostgres resolve() {
        String url = setting(URL_VARIABLE);
        if (url != null) {
            return new TestPostgres(url, setting("NEWSWATCH_TEST_DB_USER"), setting("NEWSWATCH_TEST_DB_PASSWORD"),
                    "the server at " + URL_VARIABLE + " (" + withoutCredentials(url) + ")", null);
        }
        if (dockerAnswers()) {
            PostgreSQLContainer container = new PostgreSQLContainer(CONTAINER_IMAGE);
            container.start();
            return new TestPostgres(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                    "Testcontainers " + CONTAINER_IMAGE + " at " + container.getJdbcUrl(), container::stop);
        }
        try {
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .start();
            String serverUrl = "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/postgres";
            return new TestPostgres(serverUrl, "postgres", null,
                    "embedded PostgreSQL server (Maven Central binaries) at " + serverUrl, server);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the embedded PostgreSQL server: " + e.getMessage()
                    + " (set " + URL_VARIABLE + " to use an existing server)", e);
        }
    }

    private static boolean dockerAnswers() {
        // Without a socket or DOCKER_HOST there is nothing to ask, and Testcontainers would log an error.
        if (setting("DOCKER_HOST") == null && !Files.exists(Path.of("/var/run/docker.sock"))
                && !Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String setting(String name) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? null : value;
    }

    /** Creates a new, empty database named after {@code purpose} plus a random suffix. */
    public Database createDatabase(String purpose) {
        String name = ("nwtest_" + purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_") + "_"
                + randomSuffix());
        execute("CREATE DATABASE " + name);
        return new Database(name, urlOf(serverUrl, name), username, password);
    }

    private static String randomSuffix() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Drops a database this server created, closing any connection still open to it. */
    public void dropDatabase(Database database) {
        execute("DROP DATABASE IF EXISTS " + database.name() + " WITH (FORCE)");
    }

    /**
     * Refuses new connections to {@code database} and ends those already open, as a restart of the server
     * would from a client's point of view; {@link #allowConnections} ends it.
     */
    public void refuseConnections(String database) {
        String name = checkedName(database);
        execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
        execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name
                + "' AND pid <> pg_backend_pid()");
    }

    /** Lets clients connect to {@code database} again. */
    public void allowConnections(String database) {
        execute("ALTER DATABASE " + checkedName(database) + " ALLOW_CONNECTIONS true");
    }

    /** The database a JDBC URL of this kit names ({@code nwtest_app_1a2b3c4d}). */
    public static String databaseOf(String jdbcUrl) {
        Matcher matcher = JDBC_URL.matcher(jdbcUrl);
        if (!matcher.matches() || matcher.group(2) == null || matcher.group(2).length() < 2) {
            throw new IllegalArgumentException("no database in the JDBC URL " + withoutCredentials(jdbcUrl));
        }
        return checkedName(matcher.group(2).substring(1));
    }

    // The name goes into SQL as is: only the names createDatabase makes are accepted.
    private static String checkedName(String database) {
        if (!database.matches("nwtest_[a-z0-9_]+")) {
            throw new IllegalArgumentException("not a database the test kit created: " + database);
        }
        return database;
    }

    /** The JDBC URL of another database on the same server as {@code serverUrl}. */
    static String urlOf(String serverUrl, String database) {
        Matcher matcher = JDBC_URL.matcher(serverUrl);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + withoutCredentials(serverUrl));
        }
        return matcher.group(1) + "/" + database + (matcher.group(3) == null ? "" : matcher.group(3));
    }

    private static String withoutCredentials(String url) {
        // A user and password before the host, and any *password parameter (sslpassword too).
        return url.replaceAll("//.*@", "//***@").replaceAll("(?i)password=[^&]*", "password=***");
    }

    private void execute(String sql) {
        Properties credentials = new Properties();
        if (username != null) {
            credentials.setProperty("user", username);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
        try (Connection connection = DriverManager.getConnection(serverUrl, credentials);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test PostgreSQL (" + description + ") refused: " + sql + ": "
                    + e.getMessage(), e);
        }
    }

    private void close() {
        try {
            owned.close();
        } catch (Exception e) {
            System.err.println("[test-kit] PostgreSQL server did not stop cleanly: " + e);
        }
    }
}
