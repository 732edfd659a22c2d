package org.kollussuite.player.domain;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import org.kollussuite.commons.config.ChannelDirectory;
import org.kollussuite.commons.config.EpisodeOrder;
import org.kollussuite.player.config.PlayerConfig;
import org.kollussuite.player.persistence.ChannelContentStore;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Each channel's episodes in the channel's {@code NEXT_EPISODE_ORDER}, cached like entitlements:
 * dropped when a channel event changed the read model, never older than {@code player.cache.max-staleness}.
 */
@ApplicationScoped
public class ChannelEpisodes {

    public static final String NAME = "channel-episodes";

    /**
     * Where the current content stands in its channel: not in it ({@code known} false), the last episode
     * ({@code episode} null), or followed by {@code episode}, itself followed by another when {@code hasFollower}.
     */
    public record Next(boolean known, Episode episode, boolean hasFollower) {

        static final Next UNKNOWN = new Next(false, null, false);
        static final Next LAST = new Next(true, null, false);
    }

    private static final Comparator<Episode> BY_TITLE = Comparator.comparing(Episode::title, NaturalOrder.INSTANCE)
            .thenComparing(Episode::mediaContentKey);
    private static final Comparator<Episode> BY_ADDITION = Comparator
            .comparing(Episode::addedAt, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
            .thenComparing(Episode::mediaContentKey);

    private final AsyncLoadingCache<String, List<Episode>> cache;
    private final long timeoutMillis;

    public ChannelEpisodes(ChannelContentStore store, ChannelDirectory channels, CacheLoaders loaders, PlayerConfig config,
                           MeterRegistry registry) {
        this.timeoutMillis = config.lookupTimeout().toMillis();
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(config.cache().maxStaleness())
                .executor(loaders.executor())
                .recordStats()
                .buildAsync(channelKey -> {
                    EpisodeOrder order = channels.byKey(channelKey).map(c -> c.nextEpisodeOrder()).orElse(EpisodeOrder.TITLE);
                    return store.present(channelKey).stream()
                            .sorted(order == EpisodeOrder.ADDED ? BY_ADDITION : BY_TITLE)
                            .toList();
                });
        CaffeineCacheMetrics.monitor(registry, cache, NAME);
    }

    /** Where {@code mediaContentKey} stands among its channel's episodes. */
    public Next after(String channelKey, String mediaContentKey) throws LookupFailedException {
        List<Episode> episodes = ordered(channelKey);
        for (int i = 0; i < episodes.size(); i++) {
            if (episodes.get(i).mediaContentKey().equals(mediaContentKey)) {
                return i + 1 < episodes.size() ? new Next(true, episodes.get(i + 1), i + 2 < episodes.size()) : Next.LAST;
            }
        }
        return Next.UNKNOWN;
    }

    public List<Episode> ordered(String channelKey) throws LookupFailedException {
        try {
            return cache.get(channelKey).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new LookupFailedException("channel contents cannot be read", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LookupFailedException("interrupted while reading channel contents", e);
        }
    }

    public void invalidate(String channelKey) {
        cache.synchronous().invalidate(channelKey);
    }

    public void invalidateAll() {
        cache.synchronous().invalidateAll();
    }
}
