package org.kollussuite.notifier.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.kollussuite.commons.event.CloudEvent;
import org.kollussuite.commons.event.InvalidCloudEventException;
import org.kollussuite.commons.messaging.IncomingEvents;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Takes every public event from the durable {@code notifier.events} queue, in queue order, and hands it
 * to the {@link EventBatcher}; the message is acknowledged once its deliveries are committed. A
 * message that is not a CloudEvent with a UUID id is rejected: the broker moves it to the dead-letter
 * queue and consumption goes on.
 */
@ApplicationScoped
public class EventConsumer {

    /** The incoming channel; also the consumer name in the idempotent-consumer log. */
    public static final String CHANNEL = "notifier-events";

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    private final EventBatcher batcher;
    private final Counter deadLettered;

    public EventConsumer(EventBatcher batcher, MeterRegistry registry) {
        this.batcher = batcher;
        this.deadLettered = registry.counter("kollus.notifier.events.dead-lettered");
    }

    /**
     * Runs on the connector's event loop, one message after the other, so events enter the batcher in
     * queue order; it answers at once, and the acknowledgement follows the commit.
     */
    @Incoming(CHANNEL)
    public CompletionStage<Void> consume(Message<byte[]> message) {
        CloudEvent event;
        try {
            event = IncomingEvents.parse(message.getPayload());
            UUID.fromString(event.id());
        } catch (InvalidCloudEventException | IllegalArgumentException e) {
            deadLettered.increment();
            LOG.errorf("Dead-lettered a message that is not a CloudEvent with a UUID id: %s", e.getMessage());
            return message.nack(e);
        }
        batcher.submit(event).thenRun(message::ack);
        return CompletableFuture.completedFuture(null);
    }
}
