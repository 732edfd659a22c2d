package org.kollussuite.commons.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Duration;
import java.util.Optional;

/**
 * Counts failed credential checks per source address and refuses an address that failed too often until its
 * window ends; it remembers a bounded number of addresses, so a flood of sources cannot exhaust memory.
 */
public final class FailureThrottle {

    /** Addresses remembered at most; beyond it the least recently seen are forgotten first. */
    public static final int MAX_ADDRESSES = 10_000;

    private record Window(long startedNanos, int failures) {
    }

    private final int limit;
    private final long windowNanos;
    private final Ticker ticker;
    private final Cache<String, Window> windows;

    /** Refuses an address once it has failed {@code limit} times within {@code window}. */
    public FailureThrottle(int limit, Duration window, Ticker ticker) {
        this.limit = limit;
        this.windowNanos = window.toNanos();
        this.ticker = ticker;
        // Evicting on the caller's thread keeps the bound exact even while a flood of addresses arrives.
        this.windows = Caffeine.newBuilder().maximumSize(MAX_ADDRESSES).expireAfterWrite(window).ticker(ticker)
                .executor(Runnable::run).build();
    }

    public FailureThrottle(int limit, Duration window) {
        this(limit, window, Ticker.systemTicker());
    }

    /** How long {@code address} is still refused, or empty when it may try. */
    public Optional<Duration> refusedFor(String address) {
        Window window = windows.getIfPresent(address);
        if (window == null || window.failures() < limit) {
            return Optional.empty();
        }
        long left = window.startedNanos() + windowNanos - ticker.read();
        return left > 0 ? Optional.of(Duration.ofNanos(left)) : Optional.empty();
    }

    /** Records one failed check from {@code address}; a window starts at its first failure. */
    public void failed(String address) {
        long now = ticker.read();
        windows.asMap().compute(address, (ignored, window) -> window == null || now - window.startedNanos() >= windowNanos
                ? new Window(now, 1) : new Window(window.startedNanos(), window.failures() + 1));
    }

    /** {@code Retry-After} seconds for a refusal lasting {@code left}: rounded up, at least one. */
    public static long retryAfterSeconds(Duration left) {
        return Math.max(1, (left.toMillis() + 999) / 1000);
    }
}
