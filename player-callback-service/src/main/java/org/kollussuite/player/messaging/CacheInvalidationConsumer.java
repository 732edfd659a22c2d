package org.kollussuite.player.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.kollussuite.commons.event.CloudEvent;
import org.kollussuite.commons.event.InvalidCloudEventException;
import org.kollussuite.commons.messaging.IncomingEvents;
import org.kollussuite.player.domain.CacheInvalidations;
import org.kollussuite.player.domain.ChannelEpisodes;
import org.kollussuite.player.domain.EntitlementCache;

/** Drops cached entitlements and channel episodes of this replica when any replica announces a change. */
@ApplicationScoped
public class CacheInvalidationConsumer {

    private static final Logger LOG = Logger.getLogger(CacheInvalidationConsumer.class);

    private final EntitlementCache entitlements;
    private final ChannelEpisodes episodes;

    public CacheInvalidationConsumer(EntitlementCache entitlements, ChannelEpisodes episodes) {
        this.entitlements = entitlements;
        this.episodes = episodes;
    }

    @Incoming(PlayerMessaging.INVALIDATIONS_IN)
    public void consume(byte[] payload) {
        CloudEvent event;
        try {
            event = IncomingEvents.parse(payload);
        } catch (InvalidCloudEventException e) {
            LOG.errorf("Dropped an unreadable invalidation: %s", e.getMessage());
            return;
        }
        JsonNode data = event.data();
        // The replica that made a change cleared its own cache right after the commit; clearing again
        // later would only drop entries it has read since, which are fresh.
        if (CacheInvalidations.REPLICA.equals(data.path(CacheInvalidations.ORIGIN).asText(null))) {
            return;
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
    }
}
