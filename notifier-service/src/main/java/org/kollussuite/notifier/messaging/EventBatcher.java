package org.kollussuite.notifier.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.kollussuite.commons.concurrent.GroupCommit;
import org.kollussuite.commons.event.CloudEvent;
import org.kollussuite.notifier.delivery.Deliveries;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Group commit of incoming events ({@link GroupCommit}): one writer creates the deliveries of
 * everything that arrived while the previous batch committed, in arrival order, in one transaction,
 * and completes each event's future after the commit. A batch that fails while the database is away is
 * kept and written again every second; an event the database refuses on its own (a value its columns
 * cannot hold) fails alone, and the rest of its batch is stored. An event still waiting when the
 * process stops is never acknowledged, and the broker hands it over again.
 */
@ApplicationScoped
public class EventBatcher {

    /** Prefix of the group commit's meters. */
    public static final String METERS = "kollus.notifier.events";

    private static final int BATCH_SIZE = 1000;
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    /** Room for the broker's unacknowledged messages twice over: a recovered channel redelivers them. */
    private static final int QUEUE_CAPACITY = 10_000;

    private final GroupCommit<CloudEvent, Void> groupCommit;

    public EventBatcher(Deliveries deliveries, MeterRegistry registry) {
        this.groupCommit = GroupCommit.<CloudEvent, Void>builder("notifier-event-writer", batch -> {
                    deliveries.create(batch.stream().map(GroupCommit.Item::value).toList());
                    batch.forEach(item -> item.complete(null));
                })
                .queueCapacity(QUEUE_CAPACITY)
                .batchSize(BATCH_SIZE)
                .retryTransientAfter(RETRY_PAUSE)
                .meters(registry, METERS)
                .build();
    }

    /**
     * Completes once the event's deliveries are committed (or the event was found already processed);
     * fails with a {@link GroupCommit.NotWrittenException} when it cannot be taken or stored.
     */
    public CompletionStage<Void> submit(CloudEvent event) {
        return groupCommit.submit(event);
    }

    void start(@Observes StartupEvent event) {
        groupCommit.start();
    }

    /** Commits what is queued, within ten seconds, before the datasource closes. */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        groupCommit.stop(Duration.ofSeconds(10));
    }
}
