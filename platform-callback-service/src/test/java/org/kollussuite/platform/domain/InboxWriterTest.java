package org.kollussuite.platform.domain;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.kollussuite.commons.testing.DatabaseLocks;
import org.kollussuite.commons.api.RejectedRequestException;
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
    private static final String LONG_SOURCE = "2001:db8::1%" + "a-network-interface-name-far-longer-than-any-real-one".repeat(2);

    @Inject
    InboxWriter writer;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void entriesTheDatabaseRefusesAreRecordedAsRejectedAloneWhileTheRestOfTheirBatchIsStored() throws Exception {
        CallbackParameters blocking = CallbackParameters.of(upload(newUploadFileKey()));
        String acceptedKey = newUploadFileKey();
        String rejectedKey = newUploadFileKey();
        String refusedKey = newUploadFileKey();
        String poisonedKey = newUploadFileKey();
        String laterKey = newUploadFileKey();
        CompletableFuture<CallbackOutcome> first;
        CompletableFuture<CallbackOutcome> accepted;
        CompletableFuture<CallbackOutcome> refused;
        CompletableFuture<CallbackOutcome> rejected;
        CompletableFuture<CallbackOutcome> poisoned;
        CompletableFuture<CallbackOutcome> later;
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
            await().atMost(Duration.ofSeconds(10)).until(() -> DatabaseLocks.someoneWaits(dataSource));

            accepted = writer.store(CallbackType.UPLOAD, CallbackParameters.of(upload(acceptedKey)), SOURCE)
                    .toCompletableFuture();
            refused = writer.recordRejected(CallbackType.UPLOAD, upload(refusedKey), SOURCE,
                    "an error code far longer than the sixty-four characters its column holds", "refused")
                    .toCompletableFuture();
            // A source address longer than its column: this claim is refused by the database itself.
            poisoned = writer.store(CallbackType.UPLOAD, CallbackParameters.of(upload(poisonedKey)), LONG_SOURCE)
                    .toCompletableFuture();
            rejected = writer.recordRejected(CallbackType.UPLOAD, upload(rejectedKey), SOURCE, "missing_parameter",
                    "filename is required").toCompletableFuture();
            later = writer.store(CallbackType.UPLOAD, CallbackParameters.of(upload(laterKey)), SOURCE)
                    .toCompletableFuture();
            assertFalse(first.isDone() || accepted.isDone() || rejected.isDone(), "nothing is answered before its commit");
            lock.rollback();
        }

        assertEquals(CallbackOutcome.ACCEPTED, first.get(10, TimeUnit.SECONDS));
        assertEquals(CallbackOutcome.ACCEPTED, accepted.get(10, TimeUnit.SECONDS));
        assertEquals(CallbackOutcome.REJECTED, rejected.get(10, TimeUnit.SECONDS));
        assertEquals(CallbackOutcome.ACCEPTED, later.get(10, TimeUnit.SECONDS));
        assertEquals(CallbackOutcome.REJECTED, refused.get(10, TimeUnit.SECONDS), "stored with its error cut");
        ExecutionException failure = assertThrows(ExecutionException.class, () -> poisoned.get(10, TimeUnit.SECONDS));
        RejectedRequestException refusal = assertInstanceOf(RejectedRequestException.class, failure.getCause());
        assertEquals(400, refusal.status());
        assertEquals("invalid_parameter", refusal.error());
        assertEquals("ACCEPTED", inboxStatusOf(acceptedKey));
        assertEquals("ACCEPTED", inboxStatusOf(laterKey));
        assertEquals("REJECTED", inboxStatusOf(rejectedKey));
        assertEquals("REJECTED", inboxStatusOf(refusedKey));
        assertEquals("REJECTED", inboxStatusOf(poisonedKey), "the refused claim is recorded for the operator");
        assertEquals(LONG_SOURCE.substring(0, 64), sourceOf(poisonedKey), "its source address cut to its column");
    }


    private String sourceOf(String uploadFileKey) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement filename = connection.prepareStatement(
                     "select source_address from callback_inbox where upload_file_key = ?")) {
            filename.setString(1, uploadFileKey);
            try (ResultSet row = filename.executeQuery()) {
                row.next();
                return row.getString(1);
            }
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
