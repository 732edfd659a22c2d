package org.kollussuite.commons.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;
import org.kollussuite.commons.concurrent.CoalescingWorker;
import org.kollussuite.commons.event.CloudEvent;
import org.kollussuite.commons.messaging.MessagingChannels;
import org.kollussuite.commons.persistence.LocalTransactions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes committed outbox rows to {@code kollus.events} with publisher confirms and marks them sent.
 *
 * <p>Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so replicas never publish the same row at
 * the same time; a row is marked sent only after the broker confirmed it, so a crash at any point
 * leads to a later re-publication, never a loss. Consumers deduplicate on the event id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int EMITTER_BUFFER = 8192;

    private final OutboxConfig config;
    private final AgroalDataSource dataSource;
    private final Emitter<String> emitter;
    private final CoalescingWorker worker = new CoalescingWorker("outbox-relay", this::drain);
    private volatile boolean stopping;
    /** Messages handed to the connector and neither confirmed nor refused yet. */
    private volatile Set<CompletableFuture<Void>> unconfirmed = ConcurrentHashMap.newKeySet();
    /** When a batch last ended with messages unconfirmed ({@link System#nanoTime()}). */
    private volatile long unconfirmedSince;
    private final Counter published;
    private final Counter failed;

    public OutboxRelay(OutboxConfig config, AgroalDataSource dataSource, MeterRegistry registry,
                       @Channel(MessagingChannels.EVENTS_OUT) @OnOverflow(value = OnOverflow.Strategy.BUFFER,
                               bufferSize = EMITTER_BUFFER) Emitter<String> emitter) {
        this.config = config;
        this.dataSource = dataSource;
        this.emitter = emitter;
        this.published = registry.counter("kollus.outbox.published");
        this.failed = registry.counter("kollus.outbox.publish.failed");
        registry.gauge("kollus.outbox.unconfirmed", this, relay -> relay.unconfirmed.size());
    }

    /** Asks for a drain soon; requests made while one is queued are merged into it. */
    public void requestDrain() {
        if (!config.relayEnabled()) {
            return;
        }
        worker.request();
    }

    // Until the application runs, the messaging channels may not be wired yet.
    @Scheduled(every = "${" + OutboxConfig.POLL_INTERVAL + ":1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        requestDrain();
    }

    @Scheduled(every = "1h", delayed = "1m")
    void purgePublished() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("delete from outbox_event where published_at < ?")) {
            delete.setObject(1, OffsetDateTime.now(ZoneOffset.UTC).minus(config.retention()));
            int purged = delete.executeUpdate();
            LOG.debugf("Purged %d published outbox events", purged);
        } catch (SQLException e) {
            LOG.warnf("Could not purge published outbox events: %s", e.toString());
        }
    }

    /**
     * Publishes pending rows batch by batch until none is left or a batch fails, and answers how many
     * were published. Runs on the caller's thread; the relay itself calls it on its worker.
     */
    public int drain() {
        if (stopping) {
            return 0;
        }
        int total = 0;
        try {
            int batch;
            do {
                batch = publishBatch();
                total += Math.max(batch, 0);
            } while (batch == config.batchSize());
        } catch (SQLException | RuntimeException e) {
            if (!stopping) {
                LOG.warnf("Outbox relay could not publish: %s", e.toString());
            }
        }
        return total;
    }

    /** One batch in one local transaction; -1 when some event of it was not confirmed. */
    private int publishBatch() throws SQLException {
        if (!unconfirmed.isEmpty()) {
            if (System.nanoTime() - unconfirmedSince < config.confirmTimeout().toNanos()) {
                // Messages of an earlier timed-out batch may still be queued in the connector: adding
                // copies while the broker is unreachable would only pile up duplicates.
                return -1;
            }
            // A connection lost mid-publish never confirms nor refuses what it carried: waiting for those
            // messages would stop the relay for good. Their rows are published again under the same ids,
            // which consumers deduplicate.
            LOG.warnf("Outbox relay: %d events still unconfirmed after %s more; publishing them again",
                    unconfirmed.size(), config.confirmTimeout());
            unconfirmed = ConcurrentHashMap.newKeySet();
        }
        return LocalTransactions.inTransaction(dataSource, this::publishClaimedRows);
    }

    private int publishClaimedRows(Connection connection) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        List<CompletableFuture<Void>> confirms = new ArrayList<>();
        try (PreparedStatement claim = connection.prepareStatement("select id, type, payload from outbox_event "
                + "where published_at is null order by seq limit ? for update skip locked")) {
            claim.setInt(1, config.batchSize());
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    UUID id = rows.getObject(1, UUID.class);
                    ids.add(id);
                    confirms.add(send(id, rows.getString(2), rows.getString(3)));
                }
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        List<UUID> confirmed = new ArrayList<>(ids.size());
        String error = awaitConfirms(confirms, ids, confirmed);
        update(connection, "update outbox_event set published_at = now(), attempts = attempts + 1 where id = any(?)",
                confirmed, null);
        published.increment(confirmed.size());
        if (error == null) {
            return confirmed.size();
        }
        List<UUID> unsent = new ArrayList<>(ids);
        unsent.removeAll(confirmed);
        update(connection, "update outbox_event set attempts = attempts + 1, last_error = ? where id = any(?)",
                unsent, error.length() > 1000 ? error.substring(0, 1000) : error);
        failed.increment(unsent.size());
        unconfirmedSince = System.nanoTime();
        LOG.warnf("Outbox relay: %d of %d events not confirmed (%s); they will be retried",
                unsent.size(), ids.size(), error);
        return -1;
    }

    private static void update(Connection connection, String sql, List<UUID> ids, String error) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            int index = 1;
            if (error != null) {
                update.setString(index++, error);
            }
            update.setArray(index, connection.createArrayOf("uuid", ids.toArray()));
            update.executeUpdate();
        }
    }

    private CompletableFuture<Void> send(UUID id, String type, String payload) {
        CompletableFuture<Void> confirm = new CompletableFuture<>();
        OutgoingRabbitMQMetadata metadata = OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(type)
                .withMessageId(id.toString())
                .withContentType(CloudEvent.CONTENT_TYPE)
                .withContentEncoding("UTF-8")
                .withDeliveryMode(2)
                .withType(type)
                .build();
        Set<CompletableFuture<Void>> pending = unconfirmed;
        pending.add(confirm);
        Message<String> message = Message.of(payload, Metadata.of(metadata),
                () -> {
                    pending.remove(confirm);
                    confirm.complete(null);
                    return CompletableFuture.completedFuture(null);
                },
                failure -> {
                    pending.remove(confirm);
                    confirm.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        try {
            emitter.send(message);
        } catch (RuntimeException e) {
            pending.remove(confirm);
            confirm.completeExceptionally(e);
        }
        return confirm;
    }

    private String awaitConfirms(List<CompletableFuture<Void>> confirms, List<UUID> ids, List<UUID> confirmed) {
        long deadline = System.nanoTime() + config.confirmTimeout().toNanos();
        String error = null;
        for (int i = 0; i < confirms.size(); i++) {
            try {
                confirms.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                confirmed.add(ids.get(i));
            } catch (TimeoutException e) {
                error = error == null ? "no confirm within " + config.confirmTimeout() : error;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = error == null ? "interrupted" : error;
            } catch (java.util.concurrent.ExecutionException e) {
                error = error == null ? String.valueOf(e.getCause()) : error;
            }
        }
        return error;
    }

    void stop(@Observes ShutdownEvent event) {
        // Rows left unpublished are published by the next instance; none is lost.
        stopping = true;
        worker.stop(config.confirmTimeout());
    }
}
