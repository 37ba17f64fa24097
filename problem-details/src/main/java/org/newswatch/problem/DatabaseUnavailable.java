package org.newswatch.problem;

import java.sql.SQLException;

/**
 * Tells a database that is away (restarting, refusing connections, out of connection slots) from a request's own
 * failure, so that {@link ProblemMappers} answers 503 with a {@code Retry-After} instead of a 500.
 */
public final class DatabaseUnavailable {

    /** The problem type's slug: {@code urn:newswatch:problem:database-unavailable}. */
    public static final String SLUG = "database-unavailable";
    /** Seconds a client should wait before trying again; a restart of PostgreSQL takes a few. */
    static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseUnavailable() {
    }

    /**
     * Whether {@code failure} or one of its causes is an {@link SQLException} saying the database cannot be
     * reached: SQLSTATE class 08 (connection), 57P01–57P03 (shut down, crashed, not accepting connections yet),
     * 53300 (too many connections), 55000 with "not currently accepting connections" (a database closed to new
     * connections), or no state at all (the pool found no connection in time).
     */
    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && unavailable(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean unavailable(SQLException failure) {
        String state = failure.getSQLState();
        if (state == null) {
            return true;
        }
        return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
                || state.equals("53300")
                || (state.equals("55000") && String.valueOf(failure.getMessage()).contains("not currently accepting"));
    }

    static Problem problem() {
        return Problem.of(503, SLUG, "the database is unavailable; try again in a few seconds");
    }
}
