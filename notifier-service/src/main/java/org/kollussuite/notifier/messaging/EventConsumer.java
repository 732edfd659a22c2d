package org.kollussuite.notifier.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.kollussuite.commons.event.CloudEvent;
import org.kollussuite.commons.event.InvalidCloudEventException;
import org.kollussuite.commons.messaging.IncomingEvents;
import org.kollussuite.notifier.delivery.Deliveries;

/**
 * Takes every public event from the durable {@code notifier.events} queue and turns it into one
 * delivery per matching endpoint. A message that is not a CloudEvent is rejected: the broker moves
 * it to the dead-letter queue and consumption goes on.
 */
@ApplicationScoped
public class EventConsumer {

    /** The incoming channel; also the consumer name in the idempotent-consumer log. */
    public static final String CHANNEL = "notifier-events";

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    private final Deliveries deliveries;
    private final MeterRegistry registry;

    public EventConsumer(Deliveries deliveries, MeterRegistry registry) {
        this.deliveries = deliveries;
        this.registry = registry;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(byte[] payload) {
        CloudEvent event;
        try {
            event = IncomingEvents.parse(payload);
        } catch (InvalidCloudEventException e) {
            registry.counter("kollus.notifier.events.dead-lettered").increment();
            LOG.errorf("Dead-lettered a message that is not a CloudEvent: %s", e.getMessage());
            throw e;
        }
        deliveries.create(event);
    }
}
