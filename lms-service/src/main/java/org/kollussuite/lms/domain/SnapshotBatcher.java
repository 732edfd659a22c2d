package org.kollussuite.lms.domain;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.kollussuite.commons.concurrent.GroupCommit;
import org.kollussuite.lms.config.LmsConfig;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Group commit of snapshots ({@link GroupCommit}): everything that arrived while the previous batch
 * committed is applied in one transaction, and each snapshot's answer waits for that commit. Each of
 * the {@code LMS_WRITERS} writers owns a share of the learners, so one learner's snapshots are applied
 * in arrival order.
 */
@ApplicationScoped
public class SnapshotBatcher {

    private final ProgressWriter writer;
    private final GroupCommit<Snapshot, Boolean> groupCommit;
    private final Counter accepted;
    private final Counter duplicates;

    public SnapshotBatcher(ProgressWriter writer, LmsConfig config, MeterRegistry registry) {
        this.writer = writer;
        this.groupCommit = GroupCommit.builder("lms-batch-writer", this::write)
                .writers(config.writers(), Snapshot::key)
                .queueCapacity(config.queueCapacity())
                .batchSize(config.batchSize())
                // A snapshot whose values the database refuses is set apart alone; the others of its batch are stored.
                .onPoisoned((item, failure) -> item.fail(new UnreadableSnapshotException(
                        UnreadableSnapshotException.Reason.REFUSED_BY_DATABASE,
                        "the database refused a value of the snapshot: " + GroupCommit.describe(failure))))
                .meters(registry, "kollus.lms")
                .build();
        this.accepted = registry.counter("kollus.lms.snapshots", "result", "accepted");
        this.duplicates = registry.counter("kollus.lms.snapshots", "result", "duplicate");
    }

    /**
     * Completes with true once the snapshot's effect committed (false when it changed nothing: a
     * duplicate), exceptionally with an {@link UnreadableSnapshotException} when the database refuses one
     * of its values, and with a {@link GroupCommit.NotWrittenException} when it could not be stored for now.
     */
    public CompletionStage<Boolean> submit(Snapshot snapshot) {
        return groupCommit.submit(snapshot);
    }

    private void write(List<GroupCommit.Item<Snapshot, Boolean>> batch) throws SQLException {
        boolean[] changed = writer.apply(batch.stream().map(GroupCommit.Item::value).toList());
        for (int i = 0; i < batch.size(); i++) {
            (changed[i] ? accepted : duplicates).increment();
            batch.get(i).complete(changed[i]);
        }
    }

    void start(@Observes StartupEvent event) {
        groupCommit.start();
    }

    /** Runs after the HTTP server stopped taking requests: commits what is queued before the datasource closes. */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        groupCommit.stop(Duration.ofSeconds(30));
    }
}
