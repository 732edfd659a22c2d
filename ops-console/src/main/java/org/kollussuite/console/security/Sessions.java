package org.kollussuite.console.security;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.kollussuite.console.config.ConsoleConfig;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-side sign-ins keyed by a random id: the cookie carries only that id, never the token, and a
 * sign-out, an idle timeout or the absolute lifetime forgets it. Sign-ins do not survive a restart of the
 * console, which only means signing in again.
 */
@ApplicationScoped
public class Sessions {

    private static final int ID_BYTES = 32;

    /** When a session was opened and last used. */
    private record Session(Instant openedAt, Instant lastUse) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Duration idleTimeout;
    private final Duration maxAge;
    private final Clock clock;

    @Inject
    public Sessions(ConsoleConfig config) {
        this(config.sessionIdleTimeout(), config.sessionMaxAge(), Clock.systemUTC());
    }

    Sessions(Duration idleTimeout, Duration maxAge, Clock clock) {
        this.idleTimeout = idleTimeout;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** A new signed-in session; answers its id for the cookie. */
    public String open() {
        byte[] bytes = new byte[ID_BYTES];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        sessions.put(id, new Session(now, now));
        return id;
    }

    /** Whether {@code id} is a live session; using it extends it up to its absolute lifetime. */
    public boolean touch(String id) {
        if (id == null) {
            return false;
        }
        Instant now = clock.instant();
        return Optional.ofNullable(sessions.computeIfPresent(id, (key, session) -> expired(session, now) ? null
                : new Session(session.openedAt(), now))).isPresent();
    }

    public void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    @Scheduled(every = "5m")
    void forgetEndedSessions() {
        Instant now = clock.instant();
        sessions.values().removeIf(session -> expired(session, now));
    }

    private boolean expired(Session session, Instant now) {
        return session.lastUse().plus(idleTimeout).isBefore(now) || !session.openedAt().plus(maxAge).isAfter(now);
    }
}
