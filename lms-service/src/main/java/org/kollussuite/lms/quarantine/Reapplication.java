package org.kollussuite.lms.quarantine;

import jakarta.enterprise.context.ApplicationScoped;
import org.kollussuite.commons.api.RejectedRequestException;
import org.kollussuite.commons.concurrent.GroupCommit;
import org.kollussuite.lms.config.LmsConfig;
import org.kollussuite.lms.domain.Snapshot;
import org.kollussuite.lms.domain.SnapshotBatcher;
import org.kollussuite.lms.domain.SnapshotReader;
import org.kollussuite.lms.domain.SnapshotRequest;
import org.kollussuite.lms.domain.UnreadableSnapshotException;
import org.kollussuite.lms.mapping.ChannelMapping;
import org.kollussuite.lms.mapping.ChannelMappings;
import org.kollussuite.lms.quarantine.QuarantinedSnapshot.Status;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads quarantined snapshots again with their channel's current mapping and merges those that now
 * read, through the same group commit as live snapshots, so they emit the usual events. Merging is
 * idempotent, so re-applying an entry whose mark was lost in a crash changes nothing.
 */
@ApplicationScoped
public class Reapplication {

    /** Entries read and merged together when a whole channel is re-applied. */
    static final int PAGE = 500;
    private static final long WAIT_SECONDS = 60;

    private final QuarantineStore store;
    private final ChannelMappings mappings;
    private final SnapshotReader reader;
    private final SnapshotBatcher batcher;

    public Reapplication(QuarantineStore store, ChannelMappings mappings, SnapshotBatcher batcher, LmsConfig config) {
        this.store = store;
        this.mappings = mappings;
        this.reader = new SnapshotReader(config.maxBlockCount());
        this.batcher = batcher;
    }

    /** How many entries a re-application merged, and how many stayed quarantined. */
    public record Outcome(int applied, int quarantined) {

        Outcome plus(Outcome other) {
            return new Outcome(applied + other.applied, quarantined + other.quarantined);
        }
    }

    /** Re-applies entry {@code id} unless it was applied already or cannot be; answers it as it is then. */
    public Optional<QuarantinedSnapshot> apply(long id) throws SQLException {
        Optional<QuarantinedSnapshot> entry = store.find(id);
        if (entry.isEmpty() || entry.get().status() == Status.APPLIED || !entry.get().reappliable()) {
            return entry;
        }
        apply(List.of(entry.get()));
        return store.find(id);
    }

    /** Re-applies every quarantined entry of a channel, oldest first. */
    public Outcome applyChannel(String channelKey) throws SQLException {
        Outcome total = new Outcome(0, 0);
        long after = 0;
        while (true) {
            List<QuarantinedSnapshot> page = store.waiting(channelKey, after, PAGE);
            if (page.isEmpty()) {
                return total;
            }
            total = total.plus(apply(page));
            after = page.get(page.size() - 1).id();
        }
    }

    private Outcome apply(List<QuarantinedSnapshot> entries) throws SQLException {
        List<QuarantinedSnapshot> submitted = new ArrayList<>();
        List<CompletableFuture<Boolean>> merges = new ArrayList<>();
        int quarantined = 0;
        for (QuarantinedSnapshot entry : entries) {
            Optional<ChannelMapping> mapping = mappings.byKey(entry.channelKey());
            if (mapping.isEmpty()) {
                // A channel no longer configured: kept as it is, for when it comes back.
                quarantined++;
                continue;
            }
            try {
                Snapshot snapshot = reader.read(mapping.get(), request(entry));
                submitted.add(entry);
                merges.add(batcher.submit(snapshot).toCompletableFuture());
            } catch (UnreadableSnapshotException e) {
                store.requarantine(entry.id(), e.reason().label(), Quarantine.storable(e.getMessage(), Quarantine.MAX_MESSAGE));
                quarantined++;
            }
        }
        List<Long> applied = new ArrayList<>();
        for (int i = 0; i < merges.size(); i++) {
            try {
                merges.get(i).get(WAIT_SECONDS, TimeUnit.SECONDS);
                applied.add(submitted.get(i).id());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnreadableSnapshotException refused)) {
                    markApplied(applied);
                    throw unavailable(e.getCause());
                }
                store.requarantine(submitted.get(i).id(), refused.reason().label(),
                        Quarantine.storable(refused.getMessage(), Quarantine.MAX_MESSAGE));
                quarantined++;
            } catch (TimeoutException e) {
                markApplied(applied);
                throw unavailable(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unavailable(e);
            }
        }
        markApplied(applied);
        return new Outcome(applied.size(), quarantined);
    }

    private void markApplied(List<Long> applied) throws SQLException {
        if (!applied.isEmpty()) {
            store.markApplied(applied, Instant.now());
        }
    }

    private static RejectedRequestException unavailable(Throwable cause) {
        String why = cause instanceof GroupCommit.NotWrittenException notWritten ? notWritten.getMessage() : "the snapshots could not be merged in time";
        return new RejectedRequestException(503, "storage_unavailable", why + "; re-apply again later");
    }

    private static SnapshotRequest request(QuarantinedSnapshot entry) {
        return new SnapshotRequest(entry.channelKey(), entry.query(), entry.contentType(), entry.body(), false,
                entry.sourceAddress(), entry.receivedAt());
    }
}
