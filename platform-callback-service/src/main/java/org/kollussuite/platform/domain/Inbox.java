package org.kollussuite.platform.domain;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.kollussuite.platform.config.PlatformConfig;
import org.kollussuite.platform.persistence.InboxEntryEntity;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The record of every platform callback received, and the deduplication keys of accepted ones. */
@ApplicationScoped
public class Inbox {

    private final EntityManager entityManager;
    private final PlatformConfig config;

    public Inbox(EntityManager entityManager, PlatformConfig config) {
        this.entityManager = entityManager;
        this.config = config;
    }

    /** Stores an entry in the current transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public InboxEntryEntity record(CallbackType type, CallbackOutcome status, Map<String, String> parameters,
                                   String sourceAddress, String dedupKey) {
        InboxEntryEntity entry = new InboxEntryEntity();
        entry.receivedAt = Instant.now();
        entry.callbackType = type;
        entry.status = status;
        entry.parameters = masked(parameters);
        entry.uploadFileKey = truncate(parameters.get(Parameters.UPLOAD_FILE_KEY), 200);
        entry.sourceAddress = sourceAddress;
        entry.dedupKey = dedupKey;
        entry.persist();
        return entry;
    }

    /** Stores a refused callback in a transaction of its own, so that it stays visible after the refusal. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordRejected(CallbackType type, Map<String, String> parameters, String sourceAddress,
                               String error, String message) {
        InboxEntryEntity entry = record(type, CallbackOutcome.REJECTED, parameters, sourceAddress, null);
        entry.error = error;
        entry.message = truncate(message, 1000);
    }

    /**
     * Claims {@code dedupKey} for {@code inboxId}: true when no accepted callback had this key within
     * the window. Of concurrent claims of one key, the first to commit wins and the others see it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean claim(String dedupKey, long inboxId) {
        return entityManager.createNativeQuery("insert into callback_dedup (dedup_key, first_seen_at, inbox_id) "
                        + "values (?1, now(), ?2) on conflict (dedup_key) do update "
                        + "set first_seen_at = excluded.first_seen_at, inbox_id = excluded.inbox_id "
                        + "where callback_dedup.first_seen_at < now() - ?3 * interval '1 second'")
                .setParameter(1, dedupKey)
                .setParameter(2, inboxId)
                .setParameter(3, config.dedupWindow().toSeconds())
                .executeUpdate() == 1;
    }

    @Scheduled(every = "1h", delayed = "5m")
    @Transactional
    void purge() {
        Instant now = Instant.now();
        entityManager.createNativeQuery("delete from callback_dedup where first_seen_at < ?1")
                .setParameter(1, now.minus(config.dedupWindow()))
                .executeUpdate();
        entityManager.createNativeQuery("delete from callback_inbox where received_at < ?1")
                .setParameter(1, now.minus(config.inboxRetention()))
                .executeUpdate();
    }

    private static Map<String, String> masked(Map<String, String> parameters) {
        Map<String, String> copy = new LinkedHashMap<>(parameters);
        copy.computeIfPresent(Parameters.CONTENT_PROVIDER_KEY, (name, value) -> Parameters.MASK);
        return copy;
    }

    private static String truncate(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }
}
