package org.kollussuite.player.messaging;

/** Names of this service's queues and consumers. */
public final class PlayerMessaging {

    /** Durable queue of channel add/remove events, shared by the replicas; also the consumer name in the idempotent-consumer log. */
    public static final String CHANNEL_CONTENTS_CONSUMER = "player.channel-contents";
    /** Consumer of cache invalidations; its queue is one per replica, exclusive, so each replica hears every change. */
    public static final String INVALIDATIONS_CONSUMER = "player.cache-invalidations";

    private PlayerMessaging() {
    }
}
