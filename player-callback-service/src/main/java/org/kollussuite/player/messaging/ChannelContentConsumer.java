package org.kollussuite.player.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.kollussuite.commons.event.CloudEvent;
import org.kollussuite.commons.event.EventTypes;
import org.kollussuite.commons.event.InvalidCloudEventException;
import org.kollussuite.commons.messaging.IncomingEvents;
import org.kollussuite.commons.messaging.ProcessedEvents;
import org.kollussuite.commons.outbox.Outbox;
import org.kollussuite.player.domain.CacheInvalidations;
import org.kollussuite.player.persistence.ChannelContentStore;

/**
 * Builds the channel-contents read model from {@code kollus.channel.content-added} and
 * {@code content-removed}: each event id is applied once, an event older than what was applied to a
 * content changes nothing, and a change is announced to every replica's cache through the outbox.
 */
@ApplicationScoped
public class ChannelContentConsumer {

    private static final Logger LOG = Logger.getLogger(ChannelContentConsumer.class);

    private final ProcessedEvents processed;
    private final ChannelContentStore store;
    private final Outbox outbox;

    public ChannelContentConsumer(ProcessedEvents processed, ChannelContentStore store, Outbox outbox) {
        this.processed = processed;
        this.store = store;
        this.outbox = outbox;
    }

    @Incoming(PlayerMessaging.CHANNEL_CONTENTS_IN)
    @Blocking
    @Transactional
    public void consume(byte[] payload) {
        CloudEvent event;
        try {
            event = IncomingEvents.parse(payload);
        } catch (InvalidCloudEventException e) {
            LOG.errorf("Dropped an unreadable channel event: %s", e.getMessage());
            return;
        }
        processed.processOnce(PlayerMessaging.CHANNEL_CONTENTS_CONSUMER, event, this::apply);
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
