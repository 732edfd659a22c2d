package org.kollussuite.platform.domain;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.kollussuite.commons.callback.CallbackParameters;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.kollussuite.platform.callback.PlatformCallbacksClient.newUploadFileKey;
import static org.kollussuite.platform.callback.PlatformCallbacksClient.upload;

/** The inbox's group commit: callbacks waiting together share a transaction without sharing a failure. */
@QuarkusTest
class InboxWriterTest {

    private static final String SOURCE = "192.0.2.10";

    @Inject
    InboxWriter writer;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void anEntryTheDatabaseRefusesFailsAloneWhileTheRestOfItsBatchIsStored() throws Exception {
        CallbackParameters blocking = CallbackParameters.of(upload(newUploadFileKey()));
        String acceptedKey = newUploadFileKey();
        String rejectedKey = newUploadFileKey();
        CompletableFuture<CallbackOutcome> first;
        CompletableFuture<CallbackOutcome> accepted;
        CompletableFuture<CallbackOutcome> refused;
        CompletableFuture<CallbackOutcome> rejected;
        try (Connection lock = dataSource.getConnection()) {
            // An uncommitted claim of the first callback's key holds the writer inside its first transaction,
            // so that the next three callbacks queue up and are written as one batch.
            lock.setAutoCommit(false);
            try (PreparedStatement claim = lock.prepareStatement(
                    "insert into callback_dedup (dedup_key, first_seen_at, inbox_id) values (?, now(), -1)")) {
                claim.setString(1, DedupKey.of(CallbackType.UPLOAD, blocking));
                claim.executeUpdate();
            }
            first = writer.store(CallbackType.UPLOAD, blocking, SOURCE).toCompletableFuture();
            await().atMost(Duration.ofSeconds(10)).until(this::writerWaitsForALock);

            accepted = writer.store(CallbackType.UPLOAD, CallbackParameters.of(upload(acceptedKey)), SOURCE)
                    .toCompletableFuture();
            refused = writer.recordRejected(CallbackType.UPLOAD, upload(newUploadFileKey()), SOURCE,
                    "an error code far longer than the sixty-four characters its column holds", "refused")
                    .toCompletableFuture();
            rejected = writer.recordRejected(CallbackType.UPLOAD, upload(rejectedKey), SOURCE, "missing_parameter",
                    "filename is required").toCompletableFuture();
            assertFalse(first.isDone() || accepted.isDone() || rejected.isDone(), "nothing is answered before its commit");
            lock.rollback();
        }

        assertEquals(CallbackOutcome.ACCEPTED, first.get(10, TimeUnit.SECONDS));
        assertEquals(CallbackOutcome.ACCEPTED, accepted.get(10, TimeUnit.SECONDS));
        assertEquals(CallbackOutcome.REJECTED, rejected.get(10, TimeUnit.SECONDS));
        ExecutionException failure = assertThrows(ExecutionException.class, () -> refused.get(10, TimeUnit.SECONDS));
        assertInstanceOf(SQLException.class, failure.getCause());
        assertEquals("ACCEPTED", inboxStatusOf(acceptedKey));
        assertEquals("REJECTED", inboxStatusOf(rejectedKey));
    }

    private boolean writerWaitsForALock() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement waiting = connection.prepareStatement("select count(*) from pg_stat_activity "
                     + "where datname = current_database() and wait_event_type = 'Lock'");
             ResultSet row = waiting.executeQuery()) {
            row.next();
            return row.getInt(1) > 0;
        }
    }

    private String inboxStatusOf(String uploadFileKey) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement status = connection.prepareStatement(
                     "select string_agg(status, ',') from callback_inbox where upload_file_key = ?")) {
            status.setString(1, uploadFileKey);
            try (ResultSet row = status.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }
}
