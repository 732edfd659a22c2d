package org.kollussuite.player.domain;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.kollussuite.commons.concurrent.GroupCommit;
import org.kollussuite.commons.event.CloudEvent;
import org.kollussuite.commons.outbox.Outbox;
import org.kollussuite.player.config.PlayerConfig;

import java.time.Duration;
import java.util.List;

/**
 * Decision events leave the request path at once: they are queued in memory and written to the outbox
 * by group commit ({@link GroupCommit}, one transaction per batch), from where the relay publishes them
 * with confirms. A batch that fails while the database is away is kept and written again; an event is
 * lost only if the process dies between the answer and its batch (milliseconds), and on a normal
 * shutdown the queue is flushed first. A full queue drops and counts; an event the database refuses on
 * its own (a value its columns cannot hold) is dropped, counted and logged, and the rest of its batch is
 * stored.
 */
@ApplicationScoped
public class DecisionEvents {

    private static final Logger LOG = Logger.getLogger(DecisionEvents.class);
    private static final int BATCH = 1000;
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final Outbox outbox;
    private final GroupCommit<CloudEvent, Void> groupCommit;
    private final Counter dropped;
    private final Counter refused;
    private final Counter written;

    public DecisionEvents(Outbox outbox, PlayerConfig config, MeterRegistry registry) {
        this.outbox = outbox;
        this.groupCommit = GroupCommit.builder("decision-event-writer", this::store)
                .queueCapacity(config.decisionEventBuffer())
                .batchSize(BATCH)
                .retryTransientAfter(RETRY_PAUSE)
                .onPoisoned(this::drop)
                .meters(registry, "kollus.player.decision.events")
                .build();
        this.dropped = registry.counter("kollus.player.decision.events.dropped");
        this.refused = registry.counter("kollus.player.decision.events.refused");
        this.written = registry.counter("kollus.player.decision.events.stored");
    }

    /** Queues {@code event} without waiting. */
    public void publish(CloudEvent event) {
        groupCommit.submit(event).whenComplete((stored, failure) -> {
            if (failure instanceof GroupCommit.NotWrittenException notWritten && notWritten.busy()) {
                dropped.increment();
            } else if (failure != null) {
                LOG.errorf("Decision event %s (%s) could not be stored: %s", event.id(), event.type(),
                        GroupCommit.describe(failure));
            }
        });
    }

    private void store(List<GroupCommit.Item<CloudEvent, Void>> batch) {
        QuarkusTransaction.requiringNew().run(() -> outbox.appendAll(batch.stream().map(GroupCommit.Item::value).toList()));
        written.increment(batch.size());
        batch.forEach(item -> item.complete(null));
    }

    private void drop(GroupCommit.Item<CloudEvent, Void> item, Exception failure) {
        refused.increment();
        CloudEvent event = item.value();
        LOG.errorf("Dropped decision event %s (%s): the database refuses it: %s", event.id(), event.type(),
                GroupCommit.describe(failure));
        item.complete(null);
    }

    void start(@Observes StartupEvent event) {
        groupCommit.start();
    }

    /** Runs after the HTTP server stopped taking requests: writes what is queued before the datasource closes. */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        groupCommit.stop(Duration.ofSeconds(10));
    }
}
