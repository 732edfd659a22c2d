package org.kollussuite.notifier.messaging;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.kollussuite.commons.concurrent.GroupCommit;
import org.kollussuite.commons.event.CloudEvent;
import org.kollussuite.commons.event.EventTypes;
import org.kollussuite.commons.event.InvalidCloudEventException;
import org.kollussuite.commons.messaging.BrokerConnections;
import org.kollussuite.commons.messaging.Consumers;
import org.kollussuite.commons.messaging.IncomingEvents;
import org.kollussuite.commons.messaging.SupervisedConsumer;
import org.kollussuite.commons.messaging.SupervisedConsumer.Outcome;
import org.kollussuite.commons.persistence.TransientFailures;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Takes every public event from the durable quorum queue {@code notifier.events}, in queue order, and
 * hands it to the {@link EventBatcher}. The queue has a single active consumer: one replica at a time
 * takes its events, so deliveries are created in the order the events were published (replicas taking
 * turns would each store their share in its own order); when that replica goes, the broker hands what it
 * left unacknowledged, then the rest, to the next one in line. A message is acknowledged once its
 * deliveries are committed. A message that is not a CloudEvent with a UUID id, or whose deliveries the
 * database refuses (a value its columns cannot hold), is rejected into the dead-letter queue
 * {@code notifier.events.dead-letter}, the rest of its batch is stored and consumption goes on. The
 * consumer resumes by itself after the broker or its connection is lost ({@link SupervisedConsumer}).
 */
@ApplicationScoped
public class EventConsumer {

    /** The consumer's name: in the broker, the metrics, the health checks and the idempotent-consumer log. */
    public static final String CHANNEL = "notifier-events";
    public static final String QUEUE = "notifier.events";
    public static final String DEAD_LETTER_EXCHANGE = "notifier.dead-letter";
    public static final String DEAD_LETTER_QUEUE = "notifier.events.dead-letter";
    /** A queue argument, fixed when the queue is created: a queue declared without it must be deleted once (docs/operations.md). */
    public static final String SINGLE_ACTIVE_CONSUMER = "x-single-active-consumer";

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);
    /** Unacknowledged messages at most: the events waiting for, or in, one group commit. */
    private static final int PREFETCH = 1000;
    private static final String QUORUM = "quorum";

    private final EventBatcher batcher;
    private final Counter deadLettered;
    private final Counter refused;
    private final SupervisedConsumer consumer;

    public EventConsumer(EventBatcher batcher, BrokerConnections connections, MeterRegistry registry) {
        this.batcher = batcher;
        this.deadLettered = registry.counter("kollus.notifier.events.dead-lettered");
        this.refused = registry.counter("kollus.notifier.events.refused");
        this.consumer = SupervisedConsumer.builder(CHANNEL, connections, registry)
                .topology(EventConsumer::declare)
                .prefetch(PREFETCH)
                .handler(this::consume)
                .build();
    }

    void start(@Observes StartupEvent event, Consumers consumers) {
        consumers.start(consumer);
    }

    /** Stops taking messages before the batcher flushes; what is unacknowledged is redelivered, and deduplicated. */
    void stop(@Observes @Priority(1) ShutdownEvent event) throws InterruptedException {
        consumer.stop(Duration.ofSeconds(5));
    }

    private static String declare(Channel channel) throws IOException {
        channel.exchangeDeclare(EventTypes.EXCHANGE, BuiltinExchangeType.TOPIC, true);
        channel.exchangeDeclare(DEAD_LETTER_EXCHANGE, BuiltinExchangeType.DIRECT, true);
        channel.queueDeclare(DEAD_LETTER_QUEUE, true, false, false, Map.of("x-queue-type", QUORUM));
        channel.queueBind(DEAD_LETTER_QUEUE, DEAD_LETTER_EXCHANGE, QUEUE);
        channel.queueDeclare(QUEUE, true, false, false, Map.of("x-queue-type", QUORUM,
                "x-dead-letter-exchange", DEAD_LETTER_EXCHANGE, "x-dead-letter-routing-key", QUEUE,
                SINGLE_ACTIVE_CONSUMER, true));
        channel.queueBind(QUEUE, EventTypes.EXCHANGE, "kollus.#");
        return QUEUE;
    }

    /** Runs on the consumer's thread, one message after the other, so events enter the batcher in queue order. */
    private CompletionStage<Outcome> consume(Delivery message) {
        CloudEvent event;
        try {
            event = IncomingEvents.parse(message.getBody());
            UUID.fromString(event.id());
        } catch (InvalidCloudEventException | IllegalArgumentException e) {
            deadLettered.increment();
            LOG.errorf("Dead-lettered a message that is not a CloudEvent with a UUID id: %s", e.getMessage());
            return CompletableFuture.completedFuture(Outcome.DEAD_LETTER);
        }
        return batcher.submit(event).handle((committed, failure) -> {
            if (failure == null) {
                return Outcome.ACK;
            }
            if (failure instanceof GroupCommit.NotWrittenException notWritten && notWritten.busy()
                    || TransientFailures.isTransient(failure)) {
                // Stopping, or no room: the broker hands the message over again, here or to a replica.
                return Outcome.REQUEUE;
            }
            refused.increment();
            LOG.errorf("Dead-lettered event %s (%s): the database refuses its deliveries: %s", event.id(),
                    event.type(), GroupCommit.describe(failure));
            return Outcome.DEAD_LETTER;
        });
    }
}
