package org.newswatch.launcher;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;

/** Checks that a PostgreSQL server answers and gives each service that owns one its database. */
final class ServiceDatabases {

    /** SQLSTATE duplicate_database: another run created it between our check and our CREATE. */
    private static final String DUPLICATE_DATABASE = "42P04";

    private ServiceDatabases() {
    }

    /** The server's version ("18.1"); a LaunchFailure that says how to fix it when the server cannot be used. */
    static String serverVersion(DatabaseTarget target) {
        try (Connection connection = connect(target);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SHOW server_version")) {
            result.next();
            return result.getString(1).split(" ")[0];
        } catch (SQLException e) {
            throw unusable(target, e);
        }
    }

    /** Creates the databases that do not exist yet; returns the ones it created. */
    static List<String> createMissing(DatabaseTarget target, Collection<String> databases) {
        List<String> created = new ArrayList<>();
        try (Connection connection = connect(target)) {
            for (String database : databases) {
                if (!exists(connection, database)) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("CREATE DATABASE " + quoteIdentifier(database));
                        created.add(database);
                    } catch (SQLException e) {
                        if (!DUPLICATE_DATABASE.equals(e.getSQLState())) {
                            throw e;
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new LaunchFailure("cannot create the service databases on " + target.describe() + " as user '"
                    + target.user() + "': " + firstLine(e) + " (the user needs the CREATEDB privilege, or create "
                    + String.join(", ", databases) + " yourself)", e);
        }
        return created;
    }

    private static boolean exists(Connection connection, String database) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet result = query.executeQuery()) {
                return result.next();
            }
        }
    }

    static String quoteIdentifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static Connection connect(DatabaseTarget target) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", target.user());
        if (target.password() != null) {
            properties.setProperty("password", target.password());
        }
        // Fail within seconds on an address that drops packets instead of hanging on the OS default.
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("loginTimeout", "10");
        properties.setProperty("socketTimeout", "30");
        properties.setProperty("ApplicationName", "newswatch-local-launcher");
        return DriverManager.getConnection(target.adminJdbcUrl(), properties);
    }

    private static LaunchFailure unusable(DatabaseTarget target, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String fix;
        if (state.startsWith("08")) {
            fix = target.embedded() ? "see the PostgreSQL log" : "start that server, fix " + DatabaseTarget.URL_VARIABLE
                    + ", or unset it to run the embedded PostgreSQL";
        } else if (state.startsWith("28")) {
            fix = "set " + DatabaseTarget.USER_VARIABLE + " / " + DatabaseTarget.PASSWORD_VARIABLE
                    + " (or user/password in " + DatabaseTarget.URL_VARIABLE + ")";
        } else if (state.equals("3D000")) {
            fix = "name an existing database in " + DatabaseTarget.URL_VARIABLE + " (e.g. /postgres)";
        } else {
            fix = target.embedded() ? "see the PostgreSQL log" : "check " + DatabaseTarget.URL_VARIABLE;
        }
        return new LaunchFailure("cannot use " + target.describe() + " as user '" + target.user() + "': "
                + firstLine(e) + "; " + fix, e);
    }

    /**
     * The driver's first sentence ("Connection to 127.0.0.1:1 refused"), without its advice that follows, and
     * redacted: some driver messages quote the URL.
     */
    static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String line = message.lines().findFirst().orElse(message).trim();
        int sentenceEnd = line.indexOf(". ");
        if (sentenceEnd > 0) {
            line = line.substring(0, sentenceEnd);
        }
        return DatabaseTarget.redact(line.endsWith(".") ? line.substring(0, line.length() - 1) : line);
    }
}
