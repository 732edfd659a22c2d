package org.kollussuite.platform.domain;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kollussuite.commons.testing.DatabaseLocks;
import org.kollussuite.commons.api.RejectedRequestException;
import org.kollussuite.commons.callback.CallbackParameters;
import org.kollussuite.commons.testing.EventTapExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.kollussuite.platform.callback.PlatformCallbacksClient.channel;
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

    @RegisterExtension
    final EventTapExtension events = EventTapExtension.on("kollus.channel.*", "kollus.content.*");

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


    @Test
    void aRemovalBetweenTwoIdenticalAdditionsInOneBatchLeavesTheContentInTheChannel() throws Exception {
        String key = newUploadFileKey();
        String mck = "mck-" + key;
        CallbackParameters membership = CallbackParameters.of(channel(key, "ch-one-batch", mck));
        CallbackParameters blocking = CallbackParameters.of(upload(newUploadFileKey()));
        List<CompletableFuture<CallbackOutcome>> outcomes = new ArrayList<>();
        try (Connection lock = dataSource.getConnection()) {
            // An uncommitted claim of the first callback's key stalls the writer, so that the next five queue up
            // and are written as one batch, in the order they were stored.
            lock.setAutoCommit(false);
            try (PreparedStatement claim = lock.prepareStatement(
                    "insert into callback_dedup (dedup_key, first_seen_at, inbox_id) values (?, now(), -1)")) {
                claim.setString(1, DedupKey.of(CallbackType.UPLOAD, blocking));
                claim.executeUpdate();
            }
            CompletableFuture<CallbackOutcome> first = writer.store(CallbackType.UPLOAD, blocking, SOURCE)
                    .toCompletableFuture();
            await().atMost(Duration.ofSeconds(10)).until(() -> DatabaseLocks.someoneWaits(dataSource));

            for (CallbackType type : List.of(CallbackType.CHANNEL_ADD, CallbackType.CHANNEL_ADD,
                    CallbackType.CHANNEL_REMOVE, CallbackType.CHANNEL_ADD, CallbackType.CHANNEL_ADD)) {
                outcomes.add(writer.store(type, membership, SOURCE).toCompletableFuture());
            }
            lock.rollback();
            assertEquals(CallbackOutcome.ACCEPTED, first.get(10, TimeUnit.SECONDS));
        }
        List<CallbackOutcome> answers = new ArrayList<>();
        for (CompletableFuture<CallbackOutcome> outcome : outcomes) {
            answers.add(outcome.get(10, TimeUnit.SECONDS));
        }

        assertEquals(List.of(CallbackOutcome.ACCEPTED, CallbackOutcome.DUPLICATE, CallbackOutcome.ACCEPTED,
                CallbackOutcome.ACCEPTED, CallbackOutcome.DUPLICATE), answers);
        assertEquals(1, transactionsThatWrote(key), "the five were one batch");
        await().atMost(Duration.ofSeconds(10)).until(() -> events.tap().matching(e -> mck.equals(e.subject())).size() >= 3);
        given().auth().oauth2("test-admin-token").get("/api/v1/contents/{key}", key).then().statusCode(200)
                .body("channels", hasSize(1)).body("channels[0].state", equalTo("added"));
        String marker = newUploadFileKey();
        writer.store(CallbackType.UPLOAD, CallbackParameters.of(upload(marker)), SOURCE).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> !events.tap().matching(e -> marker.equals(e.subject())).isEmpty());
        assertEquals(List.of("kollus.channel.content-added", "kollus.channel.content-removed",
                        "kollus.channel.content-added"),
                events.tap().matching(e -> mck.equals(e.subject())).stream().map(e -> e.event().type()).toList());
    }

    @Test
    void aClaimWaitsWhileAnotherReplicaClaimsForTheSameSubject() throws Exception {
        String key = newUploadFileKey();
        CallbackParameters removal = CallbackParameters.of(channel(key, "ch-two-replicas", "mck-" + key));
        CompletableFuture<CallbackOutcome> outcome;
        try (Connection otherReplica = dataSource.getConnection()) {
            otherReplica.setAutoCommit(false);
            try (PreparedStatement lock = otherReplica.prepareStatement("select pg_advisory_xact_lock(?, hashtext(?))")) {
                lock.setInt(1, InboxWriter.SUBJECT_LOCKS);
                lock.setString(2, DedupKey.subjectOf(CallbackType.CHANNEL_ADD, removal));
                lock.executeQuery().close();
            }
            outcome = writer.store(CallbackType.CHANNEL_REMOVE, removal, SOURCE).toCompletableFuture();
            await().atMost(Duration.ofSeconds(10)).until(() -> DatabaseLocks.someoneWaits(dataSource));
            assertFalse(outcome.isDone(), "a removal waits while an addition of the same membership is being claimed");
            otherReplica.rollback();
        }

        assertEquals(CallbackOutcome.ACCEPTED, outcome.get(10, TimeUnit.SECONDS));
    }

    /** How many transactions wrote the inbox entries of {@code uploadFileKey}. */
    private int transactionsThatWrote(String uploadFileKey) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement transactions = connection.prepareStatement(
                     "select count(distinct xmin::text) from callback_inbox where upload_file_key = ?")) {
            transactions.setString(1, uploadFileKey);
            try (ResultSet row = transactions.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
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
