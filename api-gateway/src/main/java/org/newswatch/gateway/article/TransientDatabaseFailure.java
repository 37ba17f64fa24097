package org.newswatch.gateway.article;

import java.sql.SQLException;

import org.newswatch.problem.DatabaseUnavailable;

/**
 * A database failure worth retrying: no connection, a restart, an overload, a serialization failure or
 * deadlock. Any other failure is taken as the record's own fault and sends it to the dead-letter topic.
 */
public class TransientDatabaseFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TransientDatabaseFailure(SQLException cause) {
        super("transient database failure, will retry: " + cause.getMessage(), cause);
    }

    /**
     * Whether {@code failure} is transient: the database is unavailable ({@link DatabaseUnavailable}, a restart
     * say), SQLSTATE classes 40 (rollback), 53 (resources), 57 (operator intervention), 58 (system), or 55P03 (lock
     * not available).
     */
    public static boolean isTransient(SQLException failure) {
        String state = failure.getSQLState();
        if (DatabaseUnavailable.isCause(failure) || state.equals("55P03")) {
            return true;
        }
        return state.length() >= 2 && switch (state.substring(0, 2)) {
            case "40", "53", "57", "58" -> true;
            default -> false;
        };
    }
}
