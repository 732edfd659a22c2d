package org.kollussuite.lms.domain;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.kollussuite.commons.api.RejectedRequestException;
import org.kollussuite.lms.config.LmsConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Group commit: snapshots wait in a short in-memory queue while the previous batch commits, then a
 * single writer applies everything that arrived in one transaction and completes each snapshot's
 * future after the commit, so every HTTP answer still waits for durability. Under load batches grow
 * by themselves; an idle service commits each snapshot at once.
 */
@ApplicationScoped
public class SnapshotBatcher {

    private static final Logger LOG = Logger.getLogger(SnapshotBatcher.class);

    /** A snapshot and the answer waiting for it. */
    private record Pending(Snapshot snapshot, CompletableFuture<Boolean> stored) {
    }

    private final ProgressWriter writer;
    private final BlockingQueue<Pending> queue;
    private final int batchSize;
    private final DistributionSummary batchSizes;
    private final Timer commits;
    private final Counter accepted;
    private final Counter duplicates;
    private volatile boolean accepting = true;
    private volatile boolean running = true;
    private Thread thread;

    public SnapshotBatcher(ProgressWriter writer, LmsConfig config, MeterRegistry registry) {
        this.writer = writer;
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
        this.batchSize = config.batchSize();
        this.batchSizes = DistributionSummary.builder("kollus.lms.batch.size")
                .description("Snapshots committed per transaction").publishPercentileHistogram().register(registry);
        this.commits = Timer.builder("kollus.lms.batch.commit")
                .description("Time to apply and commit one batch").publishPercentileHistogram().register(registry);
        this.accepted = registry.counter("kollus.lms.snapshots", "result", "accepted");
        this.duplicates = registry.counter("kollus.lms.snapshots", "result", "duplicate");
        registry.gaugeCollectionSize("kollus.lms.queue.pending", List.of(), queue);
    }

    /**
     * Completes with true once the snapshot's effect committed (false when it changed nothing: a
     * duplicate), exceptionally with a 503 refusal when it could not be stored.
     */
    public CompletionStage<Boolean> submit(Snapshot snapshot) {
        CompletableFuture<Boolean> stored = new CompletableFuture<>();
        if (!accepting || !queue.offer(new Pending(snapshot, stored))) {
            stored.completeExceptionally(new RejectedRequestException(503, "busy",
                    accepting ? "too many snapshots are waiting; send it again later" : "the service is stopping"));
        }
        return stored;
    }

    void start(@Observes StartupEvent event) {
        thread = new Thread(this::run, "lms-batch-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops taking snapshots, then commits what is queued before the datasource closes. */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        accepting = false;
        running = false;
        if (thread != null) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(batchSize);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Pending> batch) {
        long start = System.nanoTime();
        try {
            boolean[] changed = writer.apply(batch.stream().map(Pending::snapshot).toList());
            commits.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            batchSizes.record(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                (changed[i] ? accepted : duplicates).increment();
                batch.get(i).stored().complete(changed[i]);
            }
        } catch (Exception e) {
            LOG.warnf("A batch of %d snapshots could not be stored: %s", batch.size(), e.toString());
            RejectedRequestException unavailable = new RejectedRequestException(503, "storage_unavailable",
                    "the snapshot could not be stored; send it again later");
            batch.forEach(pending -> pending.stored().completeExceptionally(unavailable));
        }
    }
}
