package org.kollussuite.commons.persistence;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/** Tells database failures that say nothing about the data written (retry later) from those caused by it. */
public final class TransientFailures {

    /**
     * Connection exception, transaction rollback, insufficient resources, object not in prerequisite
     * state (a lock not available), operator intervention, system error, internal error.
     */
    private static final Set<String> TRANSIENT_SQL_STATE_CLASSES = Set.of("08", "40", "53", "55", "57", "58", "XX");

    private TransientFailures() {
    }

    /**
     * Whether {@code failure} or one of its causes means the database was unreachable or a lock or
     * resource ran out: the same write may succeed later, so it must never be blamed on the data. A
     * database failure without an SQL state (the pool timing out, the driver losing its socket) and a
     * failed transaction are transient too; only the database's verdict on the data, or a failure
     * outside the database, is not.
     */
    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause.getClass().getName().startsWith("jakarta.transaction.")) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                if (sql.getNextException() != null) {
                    // A batch failure names the statement that failed in it as its next exception.
                    return isTransient(sql.getNextException());
                }
                String state = sql.getSQLState();
                return state == null || state.length() < 2 || TRANSIENT_SQL_STATE_CLASSES.contains(state.substring(0, 2));
            }
        }
        return false;
    }
}
