package org.kollussuite.platform.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.kollussuite.commons.api.RejectedRequestException;
import org.kollussuite.commons.callback.CallbackParameters;
import org.kollussuite.commons.concurrent.GroupCommit;
import org.kollussuite.commons.concurrent.GroupCommit.Item;
import org.kollussuite.commons.persistence.LocalTransactions;
import org.kollussuite.commons.text.StorableText;
import org.kollussuite.commons.text.Truncation;
import org.kollussuite.platform.config.PlatformConfig;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Writes callbacks to the inbox by group commit: callbacks arriving together share one transaction,
 * and each caller learns its outcome only after that commit, so the answer Kollus gets is only sent
 * once the callback is durable. An accepted callback's deduplication claim, the end of the other
 * claims of its subject and its inbox entry are one statement; the catalog applies accepted entries
 * right after ({@link InboxProcessor}).
 */
@ApplicationScoped
public class InboxWriter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int QUEUE_CAPACITY = 10_000;
    private static final int BATCH_SIZE = 500;
    private static final int MAX_SOURCE_ADDRESS = 64;
    private static final int MAX_ERROR = 64;
    private static final int MAX_MESSAGE = 1000;
    /** Error code of a callback whose values the database refused. */
    static final String UNSTORABLE = "invalid_parameter";

    // Of concurrent claims of one key, the first to commit wins; the others wait for it, then see it.
    // A repeat within one batch sees the claim made earlier in the same transaction. Accepting a callback
    // ends the live claims of the other callbacks of its subject: once something else set that subject,
    // a copy of an earlier callback is a change again, not a retry. Expired claims are left to the purge.
    private static final String CLAIM = """
            with entry as (select nextval('callback_inbox_id_seq') as id, cast(? as varchar) as dedup_key,
                                  cast(? as varchar) as subject_key, now() - ? * interval '1 second' as live_since),
            claim as (
                insert into callback_dedup (dedup_key, subject_key, first_seen_at, inbox_id)
                select dedup_key, subject_key, now(), id from entry
                on conflict (dedup_key) do update
                    set subject_key = excluded.subject_key, first_seen_at = excluded.first_seen_at,
                        inbox_id = excluded.inbox_id
                    where callback_dedup.first_seen_at < (select live_since from entry)
                returning 1),
            superseded as (
                delete from callback_dedup using entry
                where callback_dedup.subject_key = entry.subject_key and callback_dedup.dedup_key <> entry.dedup_key
                  and callback_dedup.first_seen_at >= entry.live_since and exists (select 1 from claim))
            insert into callback_inbox (id, received_at, callback_type, status, upload_file_key, dedup_key,
                                        source_address, parameters)
            select id, now(), ?, case when exists (select 1 from claim) then 'ACCEPTED' else 'DUPLICATE' end,
                   ?, dedup_key, ?, cast(? as jsonb)
            from entry
            returning status""";

    // Claims of one subject are made by one transaction at a time, also across replicas: otherwise two
    // callbacks of a subject accepted side by side would each miss the other's claim and both stay live.
    // Every batch takes them in the same order, so that two batches never deadlock on them.
    private static final String LOCK_SUBJECTS = """
            select count(pg_advisory_xact_lock(?, key))
            from (select distinct hashtext(subject) as key from unnest(?) subject order by key) keys""";
    /** The first of the two keys of every subject lock, apart from the other advisory locks of the database. */
    static final int SUBJECT_LOCKS = 0x64656475;

    private static final String REJECTION = """
            insert into callback_inbox (received_at, callback_type, status, upload_file_key, source_address,
                                        parameters, error, message)
            values (now(), ?, 'REJECTED', ?, ?, cast(? as jsonb), ?, ?)""";

    /** A callback to record in the inbox. */
    private sealed interface Entry permits Claim, Rejection {
    }

    private record Claim(CallbackType type, String dedupKey, String subjectKey, String uploadFileKey,
                         String sourceAddress, String parametersJson) implements Entry {
    }

    private record Rejection(CallbackType type, String uploadFileKey, String sourceAddress, String parametersJson,
                             String error, String message) implements Entry {
    }

    private final AgroalDataSource dataSource;
    private final PlatformConfig config;
    private final InboxProcessor inboxProcessor;
    private final GroupCommit<Entry, CallbackOutcome> groupCommit;

    public InboxWriter(AgroalDataSource dataSource, PlatformConfig config, InboxProcessor inboxProcessor,
                       MeterRegistry registry) {
        this.dataSource = dataSource;
        this.config = config;
        this.inboxProcessor = inboxProcessor;
        this.groupCommit = GroupCommit.builder("platform-inbox-writer", this::writeTogether)
                .queueCapacity(QUEUE_CAPACITY)
                .batchSize(BATCH_SIZE)
                .onPoisoned(this::rejectUnstorable)
                .meters(registry, "kollus.platform.inbox")
                .build();
    }

    /**
     * Stores a checked callback; completes with {@code ACCEPTED} or {@code DUPLICATE} once committed,
     * or fails with {@link GroupCommit.NotWrittenException}.
     */
    public CompletionStage<CallbackOutcome> store(CallbackType type, CallbackParameters parameters, String sourceAddress) {
        return groupCommit.submit(new Claim(type, DedupKey.of(type, parameters), DedupKey.subjectOf(type, parameters),
                uploadFileKey(parameters.asMap()), sourceAddress, json(parameters.asMap())));
    }

    /** Records a refused callback, with why it was refused, so that operators see it in the inbox. */
    public CompletionStage<CallbackOutcome> recordRejected(CallbackType type, Map<String, String> parameters,
                                                           String sourceAddress, String error, String message) {
        return groupCommit.submit(new Rejection(type, uploadFileKey(parameters), sourceAddress, json(parameters),
                error, Truncation.truncate(message, 1000)));
    }

    private void writeTogether(List<Item<Entry, CallbackOutcome>> batch) throws SQLException {
        CallbackOutcome[] outcomes = LocalTransactions.inTransaction(dataSource, connection -> {
            CallbackOutcome[] written = new CallbackOutcome[batch.size()];
            lockSubjects(connection, batch);
            try (PreparedStatement claim = connection.prepareStatement(CLAIM);
                 PreparedStatement rejection = connection.prepareStatement(REJECTION)) {
                for (int i = 0; i < batch.size(); i++) {
                    Entry entry = batch.get(i).value();
                    written[i] = entry instanceof Claim c ? claim(claim, c) : addRejection(rejection, (Rejection) entry);
                }
                rejection.executeBatch();
            }
            return written;
        });
        boolean accepted = false;
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).complete(outcomes[i]);
            accepted |= outcomes[i] == CallbackOutcome.ACCEPTED;
        }
        if (accepted) {
            inboxProcessor.requestDrain();
        }
    }

    /**
     * An entry the database refused alone (a value it cannot store) becomes a rejection whose parameters
     * are escaped and cut, so that the operator sees it and every other entry of its batch is stored.
     */
    private void rejectUnstorable(Item<Entry, CallbackOutcome> item, Exception failure) throws SQLException {
        Entry entry = item.value();
        Rejection rejection = entry instanceof Claim claim
                ? new Rejection(claim.type(), claim.uploadFileKey(), claim.sourceAddress(), claim.parametersJson(),
                        UNSTORABLE, "a value of the callback cannot be stored")
                : (Rejection) entry;
        Rejection storable = new Rejection(rejection.type(), StorableText.escaped(rejection.uploadFileKey()),
                Truncation.truncate(rejection.sourceAddress(), MAX_SOURCE_ADDRESS), storableJson(rejection.parametersJson()),
                Truncation.truncate(StorableText.escaped(rejection.error()), MAX_ERROR),
                Truncation.truncate(StorableText.escaped(rejection.message()), MAX_MESSAGE));
        LocalTransactions.inTransaction(dataSource, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(REJECTION)) {
                addRejection(statement, storable);
                return statement.executeBatch();
            }
        });
        if (entry instanceof Claim) {
            item.fail(new RejectedRequestException(400, UNSTORABLE, "a value of the callback cannot be stored"));
        } else {
            item.complete(CallbackOutcome.REJECTED);
        }
    }

    /** The parameters' JSON with every value escaped and cut as a rejected record keeps them. */
    private static String storableJson(String parametersJson) {
        try {
            Map<String, String> parameters = JSON.readValue(parametersJson, new TypeReference<Map<String, String>>() {
            });
            return JSON.writeValueAsString(Truncation.parameters(parameters));
        } catch (JsonProcessingException e) {
            return "{}";
        }
    }

    private static void lockSubjects(Connection connection, List<Item<Entry, CallbackOutcome>> batch)
            throws SQLException {
        Object[] subjects = batch.stream().map(Item::value).filter(Claim.class::isInstance)
                .map(entry -> ((Claim) entry).subjectKey()).distinct().toArray();
        if (subjects.length == 0) {
            return;
        }
        try (PreparedStatement lock = connection.prepareStatement(LOCK_SUBJECTS)) {
            lock.setInt(1, SUBJECT_LOCKS);
            lock.setArray(2, connection.createArrayOf("varchar", subjects));
            lock.executeQuery().close();
        }
    }

    private CallbackOutcome claim(PreparedStatement statement, Claim claim) throws SQLException {
        statement.setString(1, claim.dedupKey());
        statement.setString(2, claim.subjectKey());
        statement.setLong(3, config.dedupWindow().toSeconds());
        statement.setString(4, claim.type().name());
        statement.setString(5, claim.uploadFileKey());
        statement.setString(6, claim.sourceAddress());
        statement.setString(7, claim.parametersJson());
        try (ResultSet row = statement.executeQuery()) {
            row.next();
            return CallbackOutcome.valueOf(row.getString(1));
        }
    }

    private static CallbackOutcome addRejection(PreparedStatement statement, Rejection rejection) throws SQLException {
        statement.setString(1, rejection.type().name());
        statement.setString(2, rejection.uploadFileKey());
        statement.setString(3, rejection.sourceAddress());
        statement.setString(4, rejection.parametersJson());
        statement.setString(5, rejection.error());
        statement.setString(6, rejection.message());
        statement.addBatch();
        return CallbackOutcome.REJECTED;
    }

    private static String uploadFileKey(Map<String, String> parameters) {
        return Truncation.truncate(parameters.get(Parameters.UPLOAD_FILE_KEY), 200);
    }

    private static String json(Map<String, String> parameters) {
        try {
            return JSON.writeValueAsString(StoredSecrets.masked(parameters));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("parameters always serialize", e);
        }
    }

    void start(@Observes StartupEvent event) {
        groupCommit.start();
    }

    /** Runs after the HTTP server stopped taking requests: writes what is queued before the datasource closes. */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        groupCommit.stop(Duration.ofSeconds(30));
    }
}
