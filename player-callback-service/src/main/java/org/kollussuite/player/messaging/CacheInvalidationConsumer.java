package org.kollussuite.player.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.kollussuite.commons.event.CloudEvent;
import org.kollussuite.commons.event.EventTypes;
import org.kollussuite.commons.event.InvalidCloudEventException;
import org.kollussuite.commons.messaging.BrokerConnections;
import org.kollussuite.commons.messaging.Consumers;
import org.kollussuite.commons.messaging.IncomingEvents;
import org.kollussuite.commons.messaging.SupervisedConsumer;
import org.kollussuite.commons.messaging.SupervisedConsumer.Outcome;
import org.kollussuite.player.domain.CacheInvalidations;
import org.kollussuite.player.domain.ChannelEpisodes;
import org.kollussuite.player.domain.EntitlementCache;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Drops cached entitlements and channel episodes of this replica when any replica announces a change.
 * Each replica has a queue of its own, exclusive and deleted with its connection; after the consumer
 * lost its connection and resumed ({@link SupervisedConsumer}), changes may have been announced
 * meanwhile, so the whole cache is dropped.
 */
@ApplicationScoped
public class CacheInvalidationConsumer {

    private static final Logger LOG = Logger.getLogger(CacheInvalidationConsumer.class);
    private static final CompletionStage<Outcome> DONE = CompletableFuture.completedFuture(Outcome.ACK);

    private final EntitlementCache entitlements;
    private final ChannelEpisodes episodes;
    /** This replica's queue, named so that the broker's management view tells the replicas apart. */
    private final String queue = PlayerMessaging.INVALIDATIONS_CONSUMER + "." + UUID.randomUUID();
    private final SupervisedConsumer consumer;

    public CacheInvalidationConsumer(EntitlementCache entitlements, ChannelEpisodes episodes,
                                     BrokerConnections connections, MeterRegistry registry) {
        this.entitlements = entitlements;
        this.episodes = episodes;
        this.consumer = SupervisedConsumer.builder(PlayerMessaging.INVALIDATIONS_CONSUMER, connections, registry)
                .topology(this::declare)
                .autoAck(true)
                .prefetch(1000)
                .handler(this::consume)
                .onResumed(this::invalidateAll)
                .build();
    }

    void start(@Observes StartupEvent event, Consumers consumers) {
        consumers.start(consumer);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        consumer.stop(Duration.ofSeconds(5));
    }

    private String declare(Channel channel) throws IOException {
        channel.exchangeDeclare(EventTypes.EXCHANGE, BuiltinExchangeType.TOPIC, true);
        channel.queueDeclare(queue, false, true, true, Map.of());
        channel.queueBind(queue, EventTypes.EXCHANGE, "suite.player.#");
        return queue;
    }

    private void invalidateAll() {
        entitlements.invalidateAll();
        episodes.invalidateAll();
        LOG.info("Dropped every cached entitlement and channel episode: changes may have been announced while the "
                + "invalidation consumer was away");
    }

    private CompletionStage<Outcome> consume(Delivery message) {
        CloudEvent event;
        try {
            event = IncomingEvents.parse(message.getBody());
        } catch (InvalidCloudEventException e) {
            LOG.errorf("Dropped an unreadable invalidation: %s", e.getMessage());
            return DONE;
        }
        JsonNode data = event.data();
        // The replica that made a change cleared its own cache right after the commit; clearing again
        // later would only drop entries it has read since, which are fresh.
        if (CacheInvalidations.REPLICA.equals(data.path(CacheInvalidations.ORIGIN).asText(null))) {
            return DONE;
        }
        switch (event.type()) {
            case CacheInvalidations.ENTITLEMENTS_CHANGED -> {
                if (data.path("all").asBoolean(false)) {
                    entitlements.invalidateAll();
                } else {
                    entitlements.invalidate(data.path("channelKey").asText(), data.path("clientUserId").asText());
                }
            }
            case CacheInvalidations.CHANNEL_CONTENTS_CHANGED -> episodes.invalidate(data.path("channelKey").asText());
            default -> LOG.debugf("Ignored %s", event.type());
        }
        return DONE;
    }
}
