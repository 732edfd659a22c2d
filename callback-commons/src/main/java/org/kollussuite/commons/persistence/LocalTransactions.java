package org.kollussuite.commons.persistence;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** Runs JDBC work in one local transaction of its own, for the batch writers that commit outside JTA. */
public final class LocalTransactions {

    /** Work on the transaction's connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private LocalTransactions() {
    }

    /** Commits what {@code work} did, or rolls it back and rethrows; the connection goes back to the pool as it came. */
    public static <T> T inTransaction(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    // A connection that broke mid-transaction cannot roll back either: the first failure is the news.
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }
}
