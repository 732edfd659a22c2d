package org.kollussuite.notifier.delivery;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;
import org.kollussuite.notifier.config.NotifierConfig;
import org.kollussuite.notifier.persistence.DeliveryEntity;
import org.kollussuite.notifier.persistence.EndpointStateEntity;
import org.kollussuite.notifier.persistence.ReplayJobEntity;

import java.time.Instant;
import java.util.Optional;

/**
 * What operators repair with: retry one delivery, replay an endpoint's deliveries of a time range
 * in the background (cancellable, in chunks that never hold long locks), re-enable a disabled
 * endpoint; and the retention that deletes old delivered deliveries in small batches.
 */
@ApplicationScoped
public class Recovery {

    static final int CHUNK = 500;
    private static final Logger LOG = Logger.getLogger(Recovery.class);

    private final EntityManager entityManager;
    private final ManagedExecutor executor;
    private final Dispatcher dispatcher;
    private final NotifierConfig config;

    public Recovery(EntityManager entityManager, ManagedExecutor executor, Dispatcher dispatcher, NotifierConfig config) {
        this.entityManager = entityManager;
        this.executor = executor;
        this.dispatcher = dispatcher;
        this.config = config;
    }

    /** Puts one delivery back to pending with a fresh retry schedule; the next attempt starts at once. */
    public Optional<DeliveryEntity> retry(long id) {
        Optional<DeliveryEntity> delivery = QuarkusTransaction.requiringNew().call(() -> {
            DeliveryEntity entity = DeliveryEntity.findById(id);
            if (entity == null) {
                return Optional.<DeliveryEntity>empty();
            }
            entity.status = DeliveryStatus.PENDING;
            entity.attempts = 0;
            entity.nextAttemptAt = Instant.now();
            return Optional.of(entity);
        });
        delivery.ifPresent(d -> dispatcher.wake());
        return delivery;
    }

    /** Clears a 410 disablement: the endpoint's pending deliveries go out again. */
    public void enable(String endpoint) {
        QuarkusTransaction.requiringNew().run(() -> EndpointStateEntity.delete("endpoint", endpoint));
        dispatcher.endpointStatesChanged();
    }

    /** Starts a replay of {@code endpoint}'s deliveries created in [since, until) and answers its job. */
    public ReplayJobEntity replay(String endpoint, Instant since, Instant until) {
        ReplayJobEntity job = QuarkusTransaction.requiringNew().call(() -> {
            ReplayJobEntity created = new ReplayJobEntity();
            created.endpoint = endpoint;
            created.since = since;
            created.until = until;
            created.status = "running";
            created.createdAt = Instant.now();
            created.total = ((Number) entityManager.createNativeQuery(
                            "select count(*) from delivery where endpoint = ?1 and created_at >= ?2 and created_at < ?3")
                    .setParameter(1, endpoint).setParameter(2, since).setParameter(3, until).getSingleResult()).intValue();
            created.persist();
            return created;
        });
        long jobId = job.id;
        executor.runAsync(() -> runReplay(jobId)).exceptionally(e -> {
            LOG.errorf("Replay %d failed: %s", jobId, e.getMessage());
            return null;
        });
        return job;
    }

    /** Stops a running replay after its current chunk; what was replayed stays replayed. */
    public Optional<ReplayJobEntity> cancel(long jobId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ReplayJobEntity job = ReplayJobEntity.findById(jobId);
            if (job == null) {
                return Optional.<ReplayJobEntity>empty();
            }
            if ("running".equals(job.status)) {
                job.status = "cancelled";
                job.finishedAt = Instant.now();
            }
            return Optional.of(job);
        });
    }

    private void runReplay(long jobId) {
        long after = 0;
        while (true) {
            long from = after;
            Long last = QuarkusTransaction.requiringNew().call(() -> {
                ReplayJobEntity job = ReplayJobEntity.findById(jobId);
                if (!"running".equals(job.status)) {
                    return null;
                }
                @SuppressWarnings("unchecked")
                java.util.List<Number> ids = entityManager.createNativeQuery("""
                                update delivery set status = 'PENDING', attempts = 0, next_attempt_at = now(),
                                       leased_until = null
                                 where id in (select id from delivery
                                               where endpoint = ?1 and created_at >= ?2 and created_at < ?3 and id > ?4
                                               order by id limit ?5)
                                returning id
                                """)
                        .setParameter(1, job.endpoint).setParameter(2, job.since).setParameter(3, job.until)
                        .setParameter(4, from).setParameter(5, CHUNK).getResultList();
                job.replayed += ids.size();
                if (ids.size() < CHUNK) {
                    job.status = "finished";
                    job.finishedAt = Instant.now();
                }
                return ids.stream().mapToLong(Number::longValue).max().orElse(-1);
            });
            dispatcher.wake();
            if (last == null || last < 0) {
                return;
            }
            after = last;
        }
    }

    /** Deletes delivered deliveries (and their attempts) older than the retention, a small batch per transaction. */
    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        Instant before = Instant.now().minus(config.retention());
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                            delete from delivery where id in (
                                select id from delivery where status = 'DELIVERED' and delivered_at < ?1
                                 limit ?2 for update skip locked)
                            """)
                    .setParameter(1, before).setParameter(2, CHUNK).executeUpdate());
        } while (deleted == CHUNK);
    }
}
