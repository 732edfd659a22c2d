package org.kollussuite.console.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.kollussuite.console.config.AdminTokenConfig;

import java.time.Duration;
import java.util.Optional;

/**
 * Counts failed sign-ins per source address: once an address has failed {@code ADMIN_API_FAILURE_LIMIT} times
 * within {@code ADMIN_API_FAILURE_WINDOW} of its first failure, its attempts are refused without checking the
 * token until that window ends. A sign-in that succeeds changes no address's count. At most
 * {@link #MAX_ADDRESSES} addresses are remembered, so a flood of sources cannot exhaust memory. It works as the
 * services' admin API throttle does; that one lives in callback-commons, which the console does not depend on
 * (see {@link TokenCheck}).
 */
@ApplicationScoped
public class SignInThrottle {

    /** Addresses remembered at most; beyond it the least recently seen are forgotten first. */
    public static final int MAX_ADDRESSES = 10_000;

    private record Window(long startedNanos, int failures) {
    }

    private final int limit;
    private final long windowNanos;
    private final Ticker ticker;
    private final Cache<String, Window> windows;

    @Inject
    public SignInThrottle(AdminTokenConfig config) {
        this(config.apiFailureLimit(), config.apiFailureWindow(), Ticker.systemTicker());
    }

    SignInThrottle(int limit, Duration window, Ticker ticker) {
        this.limit = limit;
        this.windowNanos = window.toNanos();
        this.ticker = ticker;
        // Evicting on the caller's thread keeps the bound exact even while a flood of addresses arrives.
        this.windows = Caffeine.newBuilder().maximumSize(MAX_ADDRESSES).expireAfterWrite(window).ticker(ticker)
                .executor(Runnable::run).build();
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

    /** Records one failed sign-in from {@code address}; a window starts at its first failure. */
    public void failed(String address) {
        long now = ticker.read();
        windows.asMap().compute(address, (ignored, window) -> window == null || now - window.startedNanos() >= windowNanos
                ? new Window(now, 1) : new Window(window.startedNanos(), window.failures() + 1));
    }

    /** Addresses remembered now (after pending evictions), for the bound's test. */
    long remembered() {
        windows.cleanUp();
        return windows.estimatedSize();
    }

    /** {@code Retry-After} seconds for a refusal lasting {@code left}: rounded up, at least one. */
    public static long retryAfterSeconds(Duration left) {
        return Math.max(1, (left.toMillis() + 999) / 1000);
    }
}
