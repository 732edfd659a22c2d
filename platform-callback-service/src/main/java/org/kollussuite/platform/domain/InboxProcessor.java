package org.kollussuite.platform.domain;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import org.hibernate.jpa.HibernateHints;
import org.jboss.logging.Logger;
import org.kollussuite.commons.callback.CallbackParameters;
import org.kollussuite.commons.concurrent.CoalescingWorker;
import org.kollussuite.commons.event.CloudEvent;
import org.kollussuite.commons.persistence.TransientFailures;
import org.kollussuite.commons.outbox.Outbox;
import org.kollussuite.platform.persistence.InboxEntryEntity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies accepted callbacks to the catalog in arrival order, many per transaction, each with its
 * events in the outbox: a change and its events commit together, and an entry is marked processed
 * in the same transaction, so a crash at any point leaves it to be applied exactly once later.
 * A database advisory lock keeps one replica at a time doing this, which preserves the order.
 */
@ApplicationScoped
public class InboxProcessor {

    private static final Logger LOG = Logger.getLogger(InboxProcessor.class);
    private static final long ADVISORY_LOCK = 0x6b6f6c6c7573L;
    private static final int BATCH_SIZE = 200;
    private static final int ATTEMPTS = 3;

    private final EntityManager entityManager;
    private final Catalog catalog;
    private final Outbox outbox;
    private final Timer lag;
    private final CoalescingWorker worker = new CoalescingWorker("inbox-processor", this::drain);
    private final Map<Long, Integer> failures = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    public InboxProcessor(EntityManager entityManager, Catalog catalog, Outbox outbox, MeterRegistry registry) {
        this.entityManager = entityManager;
        this.catalog = catalog;
        this.outbox = outbox;
        this.lag = Timer.builder("kollus.platform.callback.processing.lag")
                .description("Time from storing an accepted callback to applying it to the catalog")
                .publishPercentileHistogram()
                .register(registry);
    }

    /** Asks for the pending entries to be applied soon. */
    public void requestDrain() {
        worker.request();
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        requestDrain();
    }

    /** Applies every pending entry, batch by batch; answers how many were applied. */
    public int drain() {
        if (stopping) {
            return 0;
        }
        int total = 0;
        try {
            int applied;
            do {
                applied = QuarkusTransaction.requiringNew().call(this::applyBatch);
                total += applied;
            } while (applied == BATCH_SIZE);
        } catch (RuntimeException e) {
            if (stopping) {
                return total;
            }
            LOG.warnf("Inbox processing stopped for now: %s", e.toString());
            if (!TransientFailures.isTransient(e)) {
                applyOneByOne();
            }
        }
        return total;
    }

    private int applyBatch() {
        // Nothing else writes these rows meanwhile, so flushing once at commit is enough; flushing before
        // every query would dirty-check the whole batch each time.
        entityManager.setFlushMode(FlushModeType.COMMIT);
        if (!soleProcessor()) {
            return 0;
        }
        List<InboxEntryEntity> pending = pending(BATCH_SIZE);
        apply(pending);
        return pending.size();
    }

    /**
     * After a failed batch, applies entries one at a time; an entry that fails on its own
     * {@value #ATTEMPTS} times is marked failed and skipped, so that it cannot hold back the others.
     */
    private void applyOneByOne() {
        for (int i = 0; i < BATCH_SIZE; i++) {
            try {
                if (QuarkusTransaction.requiringNew().call(() -> {
                    List<InboxEntryEntity> next = soleProcessor() ? pending(1) : List.of();
                    apply(next);
                    return next.isEmpty();
                })) {
                    return;
                }
            } catch (RuntimeException e) {
                if (TransientFailures.isTransient(e) || !QuarkusTransaction.requiringNew().call(this::skipFirstPendingIfItKeepsFailing)) {
                    return;
                }
            }
        }
    }

    private boolean skipFirstPendingIfItKeepsFailing() {
        List<InboxEntryEntity> first = soleProcessor() ? pending(1) : List.of();
        if (first.isEmpty()) {
            return false;
        }
        InboxEntryEntity entry = first.get(0);
        if (failures.merge(entry.id, 1, Integer::sum) < ATTEMPTS) {
            return false;
        }
        failures.remove(entry.id);
        LOG.errorf("Callback %d could not be applied to the catalog after %d attempts; it is marked and skipped",
                entry.id, ATTEMPTS);
        entityManager.createNativeQuery("update callback_inbox set error = 'processing_failed', message = ?1, "
                        + "processed_at = ?2 where id = ?3")
                .setParameter(1, "the callback was stored but could not be applied to the catalog")
                .setParameter(2, Instant.now())
                .setParameter(3, entry.id)
                .executeUpdate();
        return true;
    }

    /** Whether this transaction holds the lock that makes it the only writer of the catalog. */
    private boolean soleProcessor() {
        return Boolean.TRUE.equals(entityManager.createNativeQuery("select pg_try_advisory_xact_lock(?1)")
                .setParameter(1, ADVISORY_LOCK).getSingleResult());
    }

    @SuppressWarnings("unchecked")
    private List<InboxEntryEntity> pending(int limit) {
        // Literal conditions, so that the partial index of unprocessed entries serves every plan. Read-only:
        // entries are marked processed by one statement, so the flush need not compare each of them.
        return entityManager.createNativeQuery("select * from callback_inbox where status = 'ACCEPTED' "
                        + "and processed_at is null order by id limit ?1 for update", InboxEntryEntity.class)
                .setParameter(1, limit)
                .setHint(HibernateHints.HINT_READ_ONLY, true)
                .getResultList();
    }

    /** Applies entries in order: the catalog rows they touch are read once, their events appended together. */
    private void apply(List<InboxEntryEntity> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<CallbackParameters> parameters = entries.stream().map(entry -> CallbackParameters.of(entry.parameters)).toList();
        Catalog.Rows rows = catalog.load(parameters);
        List<CloudEvent> events = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            events.addAll(catalog.apply(rows, entries.get(i).callbackType, parameters.get(i)));
        }
        outbox.appendAll(events);
        Instant processedAt = Instant.now();
        entityManager.createNativeQuery("update callback_inbox set processed_at = ?1 where id in (?2)")
                .setParameter(1, processedAt)
                .setParameter(2, entries.stream().map(entry -> entry.id).toList())
                .executeUpdate();
        entries.forEach(entry -> lag.record(Duration.between(entry.receivedAt, processedAt)));
    }

    void stop(@Observes ShutdownEvent event) {
        // Entries left unapplied are applied by the next instance; none is lost.
        stopping = true;
        worker.stop(Duration.ofSeconds(10));
    }
}
