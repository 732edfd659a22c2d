package org.kollussuite.console.security;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.kollussuite.console.config.ConsoleConfig;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-side sign-ins keyed by a random id: the cookie carries only that id, never the token, and a
 * sign-out or an idle timeout forgets it. Sign-ins do not survive a restart of the console, which only
 * means signing in again.
 */
@ApplicationScoped
public class Sessions {

    private static final int ID_BYTES = 32;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> lastUse = new ConcurrentHashMap<>();
    private final ConsoleConfig config;
    private final Clock clock;

    public Sessions(ConsoleConfig config) {
        this.config = config;
        this.clock = Clock.systemUTC();
    }

    /** A new signed-in session; answers its id for the cookie. */
    public String open() {
        byte[] bytes = new byte[ID_BYTES];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        lastUse.put(id, clock.instant());
        return id;
    }

    /** Whether {@code id} is a live session; using it extends it. */
    public boolean touch(String id) {
        if (id == null) {
            return false;
        }
        Instant now = clock.instant();
        return Optional.ofNullable(lastUse.computeIfPresent(id, (key, last) -> expired(last, now) ? null : now))
                .isPresent();
    }

    public void close(String id) {
        if (id != null) {
            lastUse.remove(id);
        }
    }

    @Scheduled(every = "5m")
    void forgetIdleSessions() {
        Instant now = clock.instant();
        lastUse.values().removeIf(last -> expired(last, now));
    }

    private boolean expired(Instant last, Instant now) {
        return last.plus(config.sessionIdleTimeout()).isBefore(now);
    }
}
