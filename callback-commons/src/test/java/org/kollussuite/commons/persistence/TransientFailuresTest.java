package org.kollussuite.commons.persistence;

import org.junit.jupiter.api.Test;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransientFailuresTest {

    @Test
    void theDatabasesVerdictOnAValueIsBlamedOnTheData() {
        assertFalse(TransientFailures.isTransient(new SQLException("value too long for type character varying(500)", "22001")));
        assertFalse(TransientFailures.isTransient(new IllegalStateException("cannot store",
                new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021"))));
    }

    @Test
    void aBatchFailureIsJudgedByTheStatementThatFailedInIt() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 3 was aborted", null, 0, new int[0]);
        batch.setNextException(new SQLException("An I/O error occurred while sending to the backend.", "08006"));
        assertTrue(TransientFailures.isTransient(batch));

        BatchUpdateException refused = new BatchUpdateException("Batch entry 0 was aborted", null, 0, new int[0]);
        refused.setNextException(new SQLException("value too long for type character varying(64)", "22001"));
        assertFalse(TransientFailures.isTransient(refused));
    }

    @Test
    void aLostConnectionAPoolTimeoutAndALockTimeoutAreTransient() {
        assertTrue(TransientFailures.isTransient(new SQLTransientConnectionException("connection refused")));
        assertTrue(TransientFailures.isTransient(new RuntimeException(new SQLException("Sorry, acquisition timeout!"))));
        assertTrue(TransientFailures.isTransient(new SQLException("canceling statement due to lock timeout", "55P03")));
        assertTrue(TransientFailures.isTransient(new SQLException("terminating connection due to administrator command", "57P01")));
    }

    @Test
    void aFailureOutsideTheDatabaseIsNotTransient() {
        assertFalse(TransientFailures.isTransient(new IllegalArgumentException("not a UUID")));
    }
}
