package org.kollussuite.player.domain;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that load cache entries from the database. Loads block on JDBC, so they get their own
 * bounded pool rather than the common fork-join pool that Caffeine would use by default.
 */
@Singleton
public class CacheLoaders {

    private static final int THREADS = 8;

    private final ExecutorService pool;

    public CacheLoaders() {
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "cache-loader-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public Executor executor() {
        return pool;
    }

    void stop(@Observes ShutdownEvent event) {
        pool.shutdownNow();
    }
}
