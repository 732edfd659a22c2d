package org.kollussuite.player.domain;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.kollussuite.player.config.PlayerConfig;
import org.kollussuite.player.persistence.EntitlementStore;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Entitlements of (channel, user) pairs in memory, so a decision reads the database only on a miss.
 *
 * <p>An entry is refreshed in the background once half of {@code player.cache.max-staleness} has passed
 * and never used beyond it; invalidation events from any replica drop entries at once. A read that
 * cannot complete within {@code player.lookup-timeout} fails, and the channel's fail mode answers.
 */
@ApplicationScoped
public class EntitlementCache {

    /** Name of the cache in metrics ({@code cache_gets_total{cache="entitlements"}}). */
    public static final String NAME = "entitlements";

    private static final Logger LOG = Logger.getLogger(EntitlementCache.class);
    private static final int ENTRY_BYTES = 160;
    private static final int ENTITLEMENT_BYTES = 200;

    record Key(String channelKey, String clientUserId) {
    }

    private final AsyncLoadingCache<Key, List<Entitlement>> cache;
    private final long timeoutMillis;

    public EntitlementCache(EntitlementStore store, CacheLoaders loaders, PlayerConfig config, MeterRegistry registry) {
        this.timeoutMillis = config.lookupTimeout().toMillis();
        this.cache = Caffeine.newBuilder()
                .maximumWeight(config.cache().maximumWeight().asLongValue())
                .weigher(EntitlementCache::weight)
                .expireAfterWrite(config.cache().maxStaleness())
                .refreshAfterWrite(config.cache().maxStaleness().dividedBy(2))
                .executor(loaders.executor())
                .recordStats()
                .buildAsync(key -> store.of(key.channelKey(), key.clientUserId()));
        CaffeineCacheMetrics.monitor(registry, cache, NAME);
    }

    /** Every entitlement of {@code clientUserId} in {@code channelKey}, cached. */
    public List<Entitlement> of(String channelKey, String clientUserId) throws LookupFailedException {
        try {
            return cache.get(new Key(channelKey, clientUserId)).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            throw new LookupFailedException("too many entitlement reads waiting", e);
        } catch (TimeoutException e) {
            throw new LookupFailedException("entitlements not read within " + timeoutMillis + " ms", e);
        } catch (ExecutionException e) {
            throw new LookupFailedException("entitlements cannot be read: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LookupFailedException("interrupted while reading entitlements", e);
        }
    }

    /** Bytes an entry holds, roughly: two per character of its texts and a fixed part per object. */
    static int weight(Key key, List<Entitlement> entitlements) {
        long bytes = ENTRY_BYTES + 2L * (key.channelKey().length() + key.clientUserId().length());
        for (Entitlement entitlement : entitlements) {
            bytes += ENTITLEMENT_BYTES + 2L * entitlement.mediaContentKey().length();
        }
        return (int) Math.min(bytes, Integer.MAX_VALUE);
    }

    public void invalidate(String channelKey, String clientUserId) {
        cache.synchronous().invalidate(new Key(channelKey, clientUserId));
    }

    public void invalidateAll() {
        cache.synchronous().invalidateAll();
    }

    /** The first query pays for connections and statement preparation; a viewer should not. */
    void warmUp(@Observes StartupEvent event, EntitlementStore store) {
        try {
            store.of("", "");
        } catch (RuntimeException e) {
            LOG.warnf("Entitlements could not be read at start: %s", e.getMessage());
        }
    }
}
