package org.kollussuite.commons.testing;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** What tests that hold a row lock to stall a writer need to know about the database's sessions. */
public final class DatabaseLocks {

    private DatabaseLocks() {
    }

    /** Whether a session of the current database waits for a lock: the writer the test stalled has reached it. */
    public static boolean someoneWaits(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement waiting = connection.prepareStatement("select count(*) from pg_stat_activity "
                     + "where datname = current_database() and wait_event_type = 'Lock'");
             ResultSet row = waiting.executeQuery()) {
            row.next();
            return row.getInt(1) > 0;
        }
    }
}
