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
 * {@code user} / {@code password} parameters; the user defaults to {@code postgres}. A user or password before
 * the host ({@code //user:password@host}) is refused: the driver does not read it, and it would be printed.
 *
 * <p>Secrets are never printed: messages show the URL only through {@link #redact} or {@link #displayUrl}, which
 * hide whatever stands between {@code //} and {@code @} and the value of every parameter whose name ends with
 * "password" (any case: {@code password}, {@code sslpassword}, {@code Password}).
 */
record DatabaseTarget(boolean embedded, String hosts, String adminDatabase, List<String> parameters, String user,
        String password) {

    static final String URL_VARIABLE = "NEWSWATCH_DB_URL";
    static final String USER_VARIABLE = "NEWSWATCH_DB_USER";
    static final String PASSWORD_VARIABLE = "NEWSWATCH_DB_PASSWORD";
    static final String EMBEDDED_HOST = "127.0.0.1";
    static final int EMBEDDED_PORT = 5432;

    private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://([^/?#]+)(?:/([^?#]*))?(?:\\?([^#]*))?");
    /** A user and password before the host: from the first "//" to the last "@". */
    private static final Pattern USERINFO = Pattern.compile("//.*@");
    /** The value of a parameter whose name ends with "password", up to the next parameter. */
    private static final Pattern SECRET_VALUE = Pattern.compile("(?i)(password=)[^&]*");

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
        if (hasUserInfo(matcher)) {
            throw new LaunchFailure(URL_VARIABLE + " has a user or password before the host (" + redact(url)
                    + "); remove it and set " + USER_VARIABLE + " and " + PASSWORD_VARIABLE + " instead");
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

    /**
     * "@" outside the parameter values: a user (and probably a password) before the host. Also when the password
     * holds a "?" or "/" and so ends up in the database name or a parameter name.
     */
    private static boolean hasUserInfo(Matcher matcher) {
        if (matcher.group(1).contains("@") || (matcher.group(2) != null && matcher.group(2).contains("@"))) {
            return true;
        }
        if (matcher.group(3) == null) {
            return false;
        }
        for (String parameter : matcher.group(3).split("&")) {
            int equals = parameter.indexOf('=');
            if ((equals < 0 ? parameter : parameter.substring(0, equals)).contains("@")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The JDBC URL of {@code database} on this server, without user and password (they go in separately), but
     * with every other parameter, secret ones such as {@code sslpassword} included: never print it, print
     * {@link #displayUrl} instead.
     */
    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + hosts + "/" + database
                + (parameters.isEmpty() ? "" : "?" + String.join("&", parameters));
    }

    /** {@link #jdbcUrl} with secret parameter values replaced by ***: the form to print. */
    String displayUrl(String database) {
        return redact(jdbcUrl(database));
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
        return "DatabaseTarget[" + displayUrl(adminDatabase) + ", user=" + user + "]";
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * {@code text} (a URL, or a message that may hold one) with the secrets replaced by ***: everything from
     * "//" to the last "@", and the value of every parameter whose name ends with "password" (any case).
     */
    static String redact(String text) {
        String hidden = USERINFO.matcher(text).replaceAll("//***@");
        return SECRET_VALUE.matcher(hidden).replaceAll("$1***");
    }
}
