package org.newswatch.alert;

import java.sql.SQLException;

/** A database call failed; carries the SQL state so callers can tell transient failures from bad data. */
public class DataAccessException extends RuntimeException {

    public DataAccessException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }

    /** The SQLSTATE of the failure, e.g. {@code 08006} for a lost connection. */
    public String sqlState() {
        return ((SQLException) getCause()).getSQLState();
    }
}
