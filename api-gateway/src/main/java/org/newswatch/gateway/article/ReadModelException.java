package org.newswatch.gateway.article;

import java.sql.SQLException;

/**
 * The read model could not be read; answered as a 500 problem whose detail names no table or value, or a 503 when
 * the database is unavailable.
 */
public class ReadModelException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ReadModelException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
