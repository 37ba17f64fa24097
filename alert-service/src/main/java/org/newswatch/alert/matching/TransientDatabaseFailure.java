package org.newswatch.alert.matching;

import java.sql.SQLException;
import java.util.Set;

/**
 * A failure worth retrying: the database was unreachable, overloaded, restarting, or a concurrent change got
 * in the way. Anything else about a record is taken as the record's own fault and sends it to the
 * dead-letter topic.
 */
public class TransientDatabaseFailure extends RuntimeException {

    // SQLSTATE classes: 08 connection, 40 rollback (serialization, deadlock), 53 resources, 57 operator
    // intervention (shutdown, restart), 58 system error.
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "40", "53", "57", "58");
    // 55P03 lock not available; 23503 a subscription deleted while its delivery was being recorded (the retry
    // no longer finds it).
    private static final Set<String> TRANSIENT_STATES = Set.of("55P03", "23503");

    public TransientDatabaseFailure(Throwable cause) {
        super("transient database failure, will retry: " + cause.getMessage(), cause);
    }

    /** Whether {@code failure} or one of its causes is a transient database failure. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                // The pool's own errors (no connection within the acquisition timeout) carry no state.
                if (state == null || TRANSIENT_STATES.contains(state)
                        || (state.length() >= 2 && TRANSIENT_CLASSES.contains(state.substring(0, 2)))) {
                    return true;
                }
            }
        }
        return false;
    }
}
