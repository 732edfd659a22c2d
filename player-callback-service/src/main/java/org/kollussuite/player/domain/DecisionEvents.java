package org.kollussuite.player.domain;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.kollussuite.commons.event.CloudEvent;
import org.kollussuite.commons.outbox.Outbox;
import org.kollussuite.player.config.PlayerConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Decision events leave the request path at once: they are queued in memory and a single writer
 * stores them in the outbox in batches (one transaction per batch), from where the relay publishes
 * them with confirms. An event is lost only if the process dies between the answer and the next batch
 * (milliseconds); on a normal shutdown the queue is flushed first. A full queue drops and counts.
 */
@ApplicationScoped
public class DecisionEvents {

    private static final Logger LOG = Logger.getLogger(DecisionEvents.class);
    private static final int BATCH = 1000;
    private static final long RETRY_PAUSE_MILLIS = 1000;

    private final Outbox outbox;
    private final BlockingQueue<CloudEvent> queue;
    private final Counter dropped;
    private final Counter written;
    private volatile boolean running = true;
    private Thread writer;

    public DecisionEvents(Outbox outbox, PlayerConfig config, MeterRegistry registry) {
        this.outbox = outbox;
        this.queue = new ArrayBlockingQueue<>(config.decisionEventBuffer());
        this.dropped = registry.counter("kollus.player.decision.events.dropped");
        this.written = registry.counter("kollus.player.decision.events.stored");
        registry.gaugeCollectionSize("kollus.player.decision.events.pending", List.of(), queue);
    }

    /** Queues {@code event} without waiting. */
    public void publish(CloudEvent event) {
        if (!queue.offer(event)) {
            dropped.increment();
        }
    }

    void start(@Observes StartupEvent event) {
        writer = new Thread(this::run, "decision-event-writer");
        writer.setDaemon(true);
        writer.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (writer != null) {
            writer.interrupt();
            writer.join(TimeUnit.SECONDS.toMillis(10));
        }
        List<CloudEvent> rest = new ArrayList<>();
        queue.drainTo(rest);
        if (!rest.isEmpty()) {
            try {
                store(rest);
            } catch (RuntimeException e) {
                LOG.errorf(e, "%d decision events could not be stored at shutdown", rest.size());
            }
        }
    }

    private void run() {
        List<CloudEvent> batch = new ArrayList<>(BATCH);
        while (running) {
            try {
                if (batch.isEmpty()) {
                    CloudEvent first = queue.poll(1, TimeUnit.SECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                }
                store(batch);
                batch.clear();
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                LOG.warnf("Storing %d decision events failed, retrying: %s", batch.size(), e.getMessage());
                try {
                    Thread.sleep(RETRY_PAUSE_MILLIS);
                } catch (InterruptedException interrupted) {
                    break;
                }
            }
        }
        // Whatever this thread held goes back to the queue for the final flush.
        batch.forEach(queue::offer);
    }

    private void store(List<CloudEvent> batch) {
        QuarkusTransaction.requiringNew().run(() -> outbox.appendAll(batch));
        written.increment(batch.size());
    }
}
