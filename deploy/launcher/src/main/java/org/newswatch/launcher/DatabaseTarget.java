package org.newswatch.launcher;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL server the services' databases live on: the embedded one at 127.0.0.1:5432, or the existing
 * server that {@code NEWSWATCH_DB_URL} names.
 *
 * <p>{@code NEWSWATCH_DB_URL} is a PostgreSQL JDBC URL, {@code jdbc:postgresql://host[:port][/database][?params]}.
 * The database in it is only used to connect and create the services' databases (default {@code postgres});
 * each service gets its own database on that server, with the same host, port and other parameters. User and
 * password come from {@code NEWSWATCH_DB_USER} / {@code NEWSWATCH_DB_PASSWORD}, else from the URL's
 * {@code user} / {@code password} parameters; the user defaults to {@code postgres}.
 */
record DatabaseTarget(boolean embedded, String hosts, String adminDatabase, List<String> parameters, String user,
        String password) {

    static final String URL_VARIABLE = "NEWSWATCH_DB_URL";
    static final String USER_VARIABLE = "NEWSWATCH_DB_USER";
    static final String PASSWORD_VARIABLE = "NEWSWATCH_DB_PASSWORD";
    static final String EMBEDDED_HOST = "127.0.0.1";
    static final int EMBEDDED_PORT = 5432;

    private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://([^/?#]+)(?:/([^?#]*))?(?:\\?([^#]*))?");

    static DatabaseTarget embeddedServer() {
        return new DatabaseTarget(true, EMBEDDED_HOST + ":" + EMBEDDED_PORT, "postgres", List.of(), "postgres", null);
    }

    /** The target the environment asks for: the embedded server unless NEWSWATCH_DB_URL is set. */
    static DatabaseTarget fromEnvironment(Map<String, String> environment) {
        String url = blankToNull(environment.get(URL_VARIABLE));
        if (url == null) {
            return embeddedServer();
        }
        Matcher matcher = JDBC_URL.matcher(url.trim());
        if (!matcher.matches()) {
            throw new LaunchFailure(URL_VARIABLE + " is not a PostgreSQL JDBC URL (" + redact(url)
                    + "); use the form jdbc:postgresql://host:port/database, or unset it to run the embedded server");
        }
        String database = blankToNull(matcher.group(2));
        String user = null;
        String password = null;
        List<String> parameters = new ArrayList<>();
        if (matcher.group(3) != null) {
            for (String parameter : matcher.group(3).split("&")) {
                if (parameter.isEmpty()) {
                    continue;
                }
                int equals = parameter.indexOf('=');
                String key = equals < 0 ? parameter : parameter.substring(0, equals);
                String value = equals < 0 ? "" : decode(parameter.substring(equals + 1));
                if (key.equals("user")) {
                    user = value;
                } else if (key.equals("password")) {
                    password = value;
                } else {
                    parameters.add(parameter);
                }
            }
        }
        String userOverride = blankToNull(environment.get(USER_VARIABLE));
        String passwordOverride = environment.get(PASSWORD_VARIABLE);
        return new DatabaseTarget(false, matcher.group(1), database == null ? "postgres" : database,
                List.copyOf(parameters), userOverride != null ? userOverride : user == null ? "postgres" : user,
                passwordOverride != null ? passwordOverride : password);
    }

    /** The JDBC URL of {@code database} on this server, without credentials (they go in separately). */
    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + hosts + "/" + database
                + (parameters.isEmpty() ? "" : "?" + String.join("&", parameters));
    }

    String adminJdbcUrl() {
        return jdbcUrl(adminDatabase);
    }

    /** Where the server is, for messages: "127.0.0.1:5432" or the hosts of NEWSWATCH_DB_URL. */
    String describe() {
        return embedded ? "the embedded PostgreSQL at " + hosts : "PostgreSQL at " + hosts + " (" + URL_VARIABLE + ")";
    }

    @Override
    public String toString() {
        // Never print the password.
        return "DatabaseTarget[" + jdbcUrl(adminDatabase) + ", user=" + user + "]";
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
