package org.kollussuite.player.domain;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.kollussuite.player.config.PlayerConfig;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that load cache entries from the database. Loads block on JDBC, so they get their own
 * bounded pool rather than the common fork-join pool that Caffeine would use by default, and a bounded
 * queue: a load that cannot even wait is refused at once, so a flood of lookups costs no memory.
 */
@Singleton
public class CacheLoaders {

    static final int THREADS = 8;

    private final ThreadPoolExecutor pool;

    @Inject
    public CacheLoaders(PlayerConfig config) {
        this(THREADS, config.cache().loaderQueue());
    }

    CacheLoaders(int threads, int queue) {
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue),
                runnable -> {
                    Thread thread = new Thread(runnable, "cache-loader-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    public Executor executor() {
        return pool;
    }

    void stop(@Observes ShutdownEvent event) {
        pool.shutdownNow();
    }
}
