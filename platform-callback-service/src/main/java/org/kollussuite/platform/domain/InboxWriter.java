package org.kollussuite.platform.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.kollussuite.commons.callback.CallbackParameters;
import org.kollussuite.commons.text.Truncation;
import org.kollussuite.platform.config.PlatformConfig;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Stores an accepted or duplicate callback with one statement that commits on its own: the
 * deduplication claim and the inbox entry are written together, so the answer Kollus gets is only
 * sent once both are durable. The catalog applies accepted entries right after ({@link InboxProcessor}).
 */
@ApplicationScoped
public class InboxWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    // Of concurrent claims of one key, the first to commit wins; the others wait for it, then see it.
    private static final String STORE = """
            with entry as (select nextval('callback_inbox_id_seq') as id),
            claim as (
                insert into callback_dedup (dedup_key, first_seen_at, inbox_id)
                select ?, now(), id from entry
                on conflict (dedup_key) do update
                    set first_seen_at = excluded.first_seen_at, inbox_id = excluded.inbox_id
                    where callback_dedup.first_seen_at < now() - ? * interval '1 second'
                returning 1)
            insert into callback_inbox (id, received_at, callback_type, status, upload_file_key, dedup_key,
                                        source_address, parameters)
            select id, now(), ?, case when exists (select 1 from claim) then 'ACCEPTED' else 'DUPLICATE' end,
                   ?, ?, ?, cast(? as jsonb)
            from entry
            returning status""";

    private final AgroalDataSource dataSource;
    private final PlatformConfig config;
    private final InboxProcessor inboxProcessor;

    public InboxWriter(AgroalDataSource dataSource, PlatformConfig config, InboxProcessor inboxProcessor) {
        this.dataSource = dataSource;
        this.config = config;
        this.inboxProcessor = inboxProcessor;
    }

    public CallbackOutcome store(CallbackType type, CallbackParameters parameters, String sourceAddress) {
        String dedupKey = DedupKey.of(type, parameters);
        CallbackOutcome outcome;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement store = connection.prepareStatement(STORE)) {
            connection.setAutoCommit(true);
            store.setString(1, dedupKey);
            store.setLong(2, config.dedupWindow().toSeconds());
            store.setString(3, type.name());
            store.setString(4, Truncation.truncate(parameters.get(Parameters.UPLOAD_FILE_KEY).orElse(null), 200));
            store.setString(5, dedupKey);
            store.setString(6, sourceAddress);
            store.setString(7, JSON.writeValueAsString(Inbox.masked(parameters.asMap())));
            try (ResultSet row = store.executeQuery()) {
                row.next();
                outcome = CallbackOutcome.valueOf(row.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the callback", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("parameters always serialize", e);
        }
        if (outcome == CallbackOutcome.ACCEPTED) {
            inboxProcessor.requestDrain();
        }
        return outcome;
    }
}
