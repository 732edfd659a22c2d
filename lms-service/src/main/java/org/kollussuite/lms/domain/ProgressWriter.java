package org.kollussuite.lms.domain;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import jakarta.enterprise.context.ApplicationScoped;
import org.kollussuite.commons.event.CloudEvent;
import org.kollussuite.commons.event.EventTypes;
import org.kollussuite.commons.outbox.Outbox;
import org.kollussuite.lms.mapping.ChannelMapping;
import org.kollussuite.lms.mapping.ChannelMappings;
import org.kollussuite.lms.persistence.ProgressStore;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Applies a batch of snapshots in one transaction: reads the learners' progress rows, merges every
 * snapshot, writes progress and sessions back and records the events their changes caused. Either
 * all of it commits or none, so a snapshot is acknowledged only once its effect is durable.
 */
@ApplicationScoped
public class ProgressWriter {

    static final String SOURCE = CloudEvent.sourceOf("lms-service");
    private static final String DEADLOCK = "40P01";
    /** The first without row locks, the others with them. */
    private static final int ATTEMPTS = 3;

    private final ProgressStore store;
    private final Outbox outbox;
    private final ChannelMappings channels;
    private final Counter concurrentUpdates;

    public ProgressWriter(ProgressStore store, Outbox outbox, ChannelMappings channels, MeterRegistry registry) {
        this.store = store;
        this.outbox = outbox;
        this.channels = channels;
        this.concurrentUpdates = Counter.builder("kollus.lms.batch.conflicts")
                .description("Batches applied again with their rows locked: another replica changed a learner meanwhile")
                .register(registry);
    }

    /**
     * Answers, per snapshot in order, whether it changed anything (false: a duplicate or an older resend).
     * The rows are first read without locking them: a learner's snapshots all go to one writer of a
     * replica, so only another replica can change its row meanwhile, which the write-back detects. The
     * batch is then applied again with its rows locked. Locking every row cost PostgreSQL a tenth of its
     * CPU per snapshot.
     */
    public boolean[] apply(List<Snapshot> batch) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return inNewTransaction(batch, attempt > 1);
            } catch (ProgressStore.ConcurrentUpdateException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                concurrentUpdates.increment();
            }
        }
    }

    private boolean[] inNewTransaction(List<Snapshot> batch, boolean lockRows) throws SQLException {
        try {
            return QuarkusTransaction.requiringNew().call(() -> applyOnce(batch, lockRows));
        } catch (QuarkusTransactionException e) {
            if (e.getCause() instanceof SQLException failure) {
                // Unlocked rows are updated in no particular order, so a batch can deadlock with another
                // replica's; PostgreSQL then aborts one of them, which is applied again.
                if (DEADLOCK.equals(failure.getSQLState())) {
                    throw new ProgressStore.ConcurrentUpdateException(failure);
                }
                throw failure;
            }
            throw e;
        }
    }

    private boolean[] applyOnce(List<Snapshot> batch, boolean lockRows) throws SQLException {
        List<ProgressKey> keys = new ArrayList<>(new TreeSet<>(batch.stream().map(Snapshot::key).toList()));
        ProgressStore.Loaded loaded = store.read(keys, lockRows);
        Map<ProgressKey, Progress> progress = loaded.progress();
        List<ProgressKey> sessionKeys = new ArrayList<>(batch.size());
        List<Long> sessionStarts = new ArrayList<>(batch.size());
        for (Snapshot snapshot : batch) {
            sessionKeys.add(snapshot.key());
            sessionStarts.add(snapshot.startAt());
        }
        store.loadSessions(progress, sessionKeys, sessionStarts);

        Instant now = Instant.now();
        boolean[] changed = new boolean[batch.size()];
        List<CloudEvent> events = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Snapshot snapshot = batch.get(i);
            Progress learner = progress.get(snapshot.key());
            ChannelMapping channel = channels.byKey(snapshot.key().channelKey()).orElseThrow();
            int percentBefore = learner.percent();
            boolean completedBefore = learner.completedAt() != null;
            changed[i] = learner.apply(snapshot, channel.basis(), channel.completionPercent(), now);
            int step = channel.progressStep();
            if (learner.percent() / step > percentBefore / step) {
                events.add(event(EventTypes.LMS_PROGRESSED, learner));
            }
            if (!completedBefore && learner.completedAt() != null) {
                events.add(event(EventTypes.LMS_COMPLETED, learner));
            }
        }
        store.save(loaded, now);
        outbox.appendAll(events);
        return changed;
    }

    private static CloudEvent event(String type, Progress progress) {
        ObjectNode data = JsonNodeFactory.instance.objectNode()
                .put("channelKey", progress.key().channelKey())
                .put("mediaContentKey", progress.key().mediaContentKey())
                .put("clientUserId", progress.key().clientUserId())
                .put("percent", progress.percent())
                .put("watchedBlocks", progress.watchedBlocks())
                .put("blockCount", progress.blockCount())
                .put("playtime", progress.playtime())
                .put("realPlaytime", progress.realPlaytime())
                .put("lastPosition", progress.lastPosition())
                .put("sessions", progress.sessionCount());
        if (progress.completedAt() != null) {
            data.put("completedAt", progress.completedAt().toString());
        }
        return CloudEvent.create(SOURCE, type, progress.key().mediaContentKey(), data)
                .withExtension(CloudEvent.CHANNEL_EXTENSION, progress.key().channelKey())
                .withExtension(CloudEvent.USER_EXTENSION, progress.key().clientUserId());
    }
}
