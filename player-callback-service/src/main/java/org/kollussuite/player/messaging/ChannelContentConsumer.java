package org.kollussuite.player.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
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
import org.kollussuite.commons.messaging.ProcessedEvents;
import org.kollussuite.commons.messaging.SupervisedConsumer;
import org.kollussuite.commons.messaging.SupervisedConsumer.Outcome;
import org.kollussuite.commons.outbox.Outbox;
import org.kollussuite.commons.persistence.TransientFailures;
import org.kollussuite.player.domain.CacheInvalidations;
import org.kollussuite.player.persistence.ChannelContentStore;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Builds the channel-contents read model from {@code kollus.channel.content-added} and
 * {@code content-removed}: each event id is applied once, an event older than what was applied to a
 * content changes nothing, and a change is announced to every replica's cache through the outbox. An
 * event is put back while the database is away, and dropped with an error log when it cannot be read
 * or applied; the consumer resumes by itself after the broker is lost ({@link SupervisedConsumer}).
 */
@ApplicationScoped
public class ChannelContentConsumer {

    private static final Logger LOG = Logger.getLogger(ChannelContentConsumer.class);
    private static final int PREFETCH = 64;
    /** Between two tries of an event while the database is away, so that an outage is not a busy loop. */
    private static final Duration OUTAGE_PAUSE = Duration.ofSeconds(1);

    private final ProcessedEvents processed;
    private final ChannelContentStore store;
    private final Outbox outbox;
    private final SupervisedConsumer consumer;

    public ChannelContentConsumer(ProcessedEvents processed, ChannelContentStore store, Outbox outbox,
                                  BrokerConnections connections, MeterRegistry registry) {
        this.processed = processed;
        this.store = store;
        this.outbox = outbox;
        this.consumer = SupervisedConsumer.builder(PlayerMessaging.CHANNEL_CONTENTS_CONSUMER, connections, registry)
                .topology(ChannelContentConsumer::declare)
                .prefetch(PREFETCH)
                .handler(this::consume)
                .build();
    }

    void start(@Observes StartupEvent event, Consumers consumers) {
        consumers.start(consumer);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        consumer.stop(Duration.ofSeconds(5));
    }

    private static String declare(Channel channel) throws IOException {
        channel.exchangeDeclare(EventTypes.EXCHANGE, BuiltinExchangeType.TOPIC, true);
        channel.queueDeclare(PlayerMessaging.CHANNEL_CONTENTS_CONSUMER, true, false, false, Map.of());
        for (String type : new String[] {EventTypes.CHANNEL_CONTENT_ADDED, EventTypes.CHANNEL_CONTENT_REMOVED}) {
            channel.queueBind(PlayerMessaging.CHANNEL_CONTENTS_CONSUMER, EventTypes.EXCHANGE, type);
        }
        return PlayerMessaging.CHANNEL_CONTENTS_CONSUMER;
    }

    private CompletionStage<Outcome> consume(Delivery message) throws InterruptedException {
        CloudEvent event;
        try {
            event = IncomingEvents.parse(message.getBody());
        } catch (InvalidCloudEventException e) {
            LOG.errorf("Dropped an unreadable channel event: %s", e.getMessage());
            return CompletableFuture.completedFuture(Outcome.DEAD_LETTER);
        }
        try {
            QuarkusTransaction.requiringNew().run(
                    () -> processed.processOnce(PlayerMessaging.CHANNEL_CONTENTS_CONSUMER, event, this::apply));
            return CompletableFuture.completedFuture(Outcome.ACK);
        } catch (RuntimeException e) {
            if (TransientFailures.isTransient(e)) {
                LOG.debugf("Channel event %s waits for the database: %s", event.id(), GroupCommit.describe(e));
                Thread.sleep(OUTAGE_PAUSE.toMillis());
                return CompletableFuture.completedFuture(Outcome.REQUEUE);
            }
            LOG.errorf("Dropped channel event %s (%s): it cannot be applied: %s", event.id(), event.type(),
                    GroupCommit.describe(e));
            return CompletableFuture.completedFuture(Outcome.DEAD_LETTER);
        }
    }

    private void apply(CloudEvent event) {
        JsonNode data = event.data();
        String channelKey = text(data, "channelKey");
        String contentKey = text(data, "mediaContentKey");
        if (channelKey == null || contentKey == null) {
            LOG.errorf("Ignored %s event %s without channelKey or mediaContentKey", event.type(), event.id());
            return;
        }
        boolean changed = switch (event.type()) {
            case EventTypes.CHANNEL_CONTENT_ADDED -> store.added(channelKey, contentKey, text(data, "uploadFileKey"),
                    text(data, "filename"), event.time());
            case EventTypes.CHANNEL_CONTENT_REMOVED -> store.removed(channelKey, contentKey, text(data, "uploadFileKey"),
                    event.time());
            default -> false;
        };
        if (changed) {
            outbox.append(CacheInvalidations.channelContentsChanged(channelKey));
        }
    }

    private static String text(JsonNode data, String field) {
        JsonNode value = data == null ? null : data.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }
}
