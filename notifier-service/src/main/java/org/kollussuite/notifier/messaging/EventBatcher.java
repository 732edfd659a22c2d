package org.kollussuite.notifier.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.kollussuite.commons.event.CloudEvent;
import org.kollussuite.notifier.delivery.Deliveries;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Group commit of incoming events: one writer creates the deliveries of everything that arrived
 * while the previous batch committed, in arrival order, in one transaction, and completes each
 * event's future after the commit. The queue holds at most the broker's unacknowledged messages
 * ({@code max-outstanding-messages}), so it needs no bound of its own. A failed commit is retried
 * until it succeeds; an event still waiting when the process stops is never acknowledged, and the
 * broker hands it over again.
 */
@ApplicationScoped
public class EventBatcher {

    private static final Logger LOG = Logger.getLogger(EventBatcher.class);
    private static final int BATCH_SIZE = 1000;
    private static final long RETRY_DELAY_MILLIS = 1000;

    /** An event and the acknowledgement waiting for it. */
    private record Pending(CloudEvent event, CompletableFuture<Void> committed) {
    }

    private final Deliveries deliveries;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final DistributionSummary batchSizes;
    private final Timer commits;
    private final Counter failures;
    private volatile boolean running = true;
    private Thread thread;

    public EventBatcher(Deliveries deliveries, MeterRegistry registry) {
        this.deliveries = deliveries;
        this.batchSizes = DistributionSummary.builder("kollus.notifier.events.batch.size")
                .description("Events whose deliveries were created in one transaction").publishPercentileHistogram()
                .register(registry);
        this.commits = Timer.builder("kollus.notifier.events.batch.commit")
                .description("Time to create and commit one batch of deliveries").publishPercentileHistogram()
                .register(registry);
        this.failures = registry.counter("kollus.notifier.events.batch.failures");
        registry.gaugeCollectionSize("kollus.notifier.events.pending", List.of(), queue);
    }

    /** Completes once the event's deliveries are committed (or the event was found already processed). */
    public CompletionStage<Void> submit(CloudEvent event) {
        CompletableFuture<Void> committed = new CompletableFuture<>();
        queue.add(new Pending(event, committed));
        return committed;
    }

    void start(@Observes StartupEvent event) {
        thread = new Thread(this::run, "notifier-event-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Commits what is queued, within ten seconds, before the datasource closes. */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(BATCH_SIZE);
        while (running || !queue.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, BATCH_SIZE - 1);
                }
                if (commit(batch)) {
                    batch.clear();
                } else if (running) {
                    Thread.sleep(RETRY_DELAY_MILLIS);
                } else {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private boolean commit(List<Pending> batch) {
        long start = System.nanoTime();
        try {
            deliveries.create(batch.stream().map(Pending::event).toList());
        } catch (RuntimeException e) {
            failures.increment();
            LOG.warnf("The deliveries of %d events could not be stored%s: %s", batch.size(),
                    running ? ", retrying" : "; the broker will hand them over again", e.toString());
            return false;
        }
        commits.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        batchSizes.record(batch.size());
        batch.forEach(pending -> pending.committed().complete(null));
        return true;
    }
}
