package org.kollussuite.player.domain;

import org.kollussuite.commons.event.CloudEvent;

import java.util.UUID;

/**
 * The internal events that tell every replica to drop cached state. They travel through the
 * outbox, so one is published exactly when the change it announces committed. Their types are
 * outside the {@code kollus.*} namespace: they are not part of the suite's public event contract.
 */
public final class CacheInvalidations {

    public static final String ENTITLEMENTS_CHANGED = "suite.player.entitlements-changed";
    public static final String CHANNEL_CONTENTS_CHANGED = "suite.player.channel-contents-changed";
    /** Routing-key pattern of both. */
    public static final String ROUTING_PATTERN = "suite.player.#";

    /** Identifies this process, so it can ignore the invalidations it already applied after its own commits. */
    public static final String REPLICA = UUID.randomUUID().toString();
    /** The data field naming the replica that made the change. */
    public static final String ORIGIN = "origin";

    private CacheInvalidations() {
    }

    /** One user's entitlements in one channel changed, through this replica. */
    public static CloudEvent entitlementsChanged(String channelKey, String clientUserId) {
        return CloudEvent.create(PlayerEvents.SOURCE, ENTITLEMENTS_CHANGED, clientUserId,
                        PlayerEvents.data().put("channelKey", channelKey).put("clientUserId", clientUserId)
                                .put(ORIGIN, REPLICA))
                .withExtension(CloudEvent.CHANNEL_EXTENSION, channelKey)
                .withExtension(CloudEvent.USER_EXTENSION, clientUserId);
    }

    /** Many entitlements changed at once (a bulk import) through this replica: drop them all. */
    public static CloudEvent allEntitlementsChanged() {
        return CloudEvent.create(PlayerEvents.SOURCE, ENTITLEMENTS_CHANGED, null,
                PlayerEvents.data().put("all", true).put(ORIGIN, REPLICA));
    }

    public static CloudEvent channelContentsChanged(String channelKey) {
        return CloudEvent.create(PlayerEvents.SOURCE, CHANNEL_CONTENTS_CHANGED, channelKey,
                        PlayerEvents.data().put("channelKey", channelKey))
                .withExtension(CloudEvent.CHANNEL_EXTENSION, channelKey);
    }
}
