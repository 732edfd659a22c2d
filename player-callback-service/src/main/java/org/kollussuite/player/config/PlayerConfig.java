package org.kollussuite.player.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the player callback service ({@code PLAYER_*}). */
@ConfigMapping(prefix = "player")
public interface PlayerConfig {

    String MAX_STALENESS = "player.cache.max-staleness";

    /** Caches of entitlements and channel contents. */
    Cache cache();

    /** How long a decision may wait for entitlements it has not cached; then the channel's fail mode answers. */
    @WithDefault("PT1S")
    Duration lookupTimeout();

    /** Larger play and next-episode bodies get a signed denial. */
    @WithDefault("64K")
    MemorySize maxBodySize();

    /** Larger DRM bodies get one signed denial; a bulk renewal carries every download of a device. */
    @WithDefault("1M")
    MemorySize drmMaxBodySize();

    /** How long the player URL of a next-episode answer stays valid ({@code expt}). */
    @WithDefault("PT2H")
    Duration nextEpisodeUrlValidity();

    /** Decision events waiting to be written to the outbox; beyond this, new ones are dropped and counted. */
    @WithDefault("100000")
    int decisionEventBuffer();

    /** How long rejected callbacks are kept. */
    @WithDefault("P30D")
    Duration rejectedRetention();

    /** Cache bounds. */
    interface Cache {

        /**
         * The longest a cached entitlement or channel list is used without being re-read. Changes
         * normally reach every replica within milliseconds through an invalidation event; this bounds
         * staleness when such an event is missed (broker outage, replica reconnecting).
         */
        @WithDefault("PT30S")
        Duration maxStaleness();

        /**
         * Memory the cached entitlements may take, estimated from the length of their keys and ids; the least
         * used are dropped first beyond it, so no shape of user ids can make the cache outgrow it.
         */
        @WithDefault("256M")
        MemorySize maximumWeight();

        /** Cache loads that may wait for a loader thread; a lookup beyond it fails at once and the fail mode answers. */
        @WithDefault("10000")
        int loaderQueue();
    }
}
