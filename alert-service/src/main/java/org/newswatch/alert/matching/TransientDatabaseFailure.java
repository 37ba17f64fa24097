package org.newswatch.alert.matching;

import java.sql.SQLException;
import java.util.Set;

import org.newswatch.problem.DatabaseUnavailable;

/**
 * A failure worth retrying: the database was unreachable, overloaded, restarting, or a concurrent change got
 * in the way. Anything else about a record is taken as the record's own fault and sends it to the
 * dead-letter topic.
 */
public class TransientDatabaseFailure extends RuntimeException {

    // Besides an unavailable database: SQLSTATE classes 40 rollback (serialization, deadlock), 53 resources,
    // 57 operator intervention, 58 system error.
    private static final Set<String> TRANSIENT_CLASSES = Set.of("40", "53", "57", "58");
    // 55P03 lock not available; 23503 a subscription deleted while its delivery was being recorded (the retry
    // no longer finds it).
    private static final Set<String> TRANSIENT_STATES = Set.of("55P03", "23503");

    public TransientDatabaseFailure(Throwable cause) {
        super("transient database failure, will retry: " + cause.getMessage(), cause);
    }

    /**
     * Whether {@code failure} or one of its causes is a transient database failure: the database is unavailable
     * ({@link DatabaseUnavailable}, a restart say), or one of the states above.
     */
    public static boolean isTransient(Throwable failure) {
        if (DatabaseUnavailable.isCause(failure)) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (TRANSIENT_STATES.contains(state)
                        || (state.length() >= 2 && TRANSIENT_CLASSES.contains(state.substring(0, 2))))) {
                    return true;
                }
            }
        }
        return false;
    }
}
