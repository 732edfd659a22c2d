package org.kollussuite.player.messaging;

/** Names of this service's incoming channels and the durable consumer id. */
public final class PlayerMessaging {

    /** Durable queue {@code player.channel-contents}: channel add/remove events, shared by the replicas. */
    public static final String CHANNEL_CONTENTS_IN = "player-channel-contents";
    /** One exclusive queue per replica: cache invalidations reach every replica. */
    public static final String INVALIDATIONS_IN = "player-cache-invalidations";
    /** The consumer name in the idempotent-consumer log. */
    public static final String CHANNEL_CONTENTS_CONSUMER = "player.channel-contents";

    private PlayerMessaging() {
    }
}
