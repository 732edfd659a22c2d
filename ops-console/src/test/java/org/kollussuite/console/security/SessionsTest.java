package org.kollussuite.console.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A session ends when left idle, and at its absolute lifetime however busy it is. */
class SessionsTest {

    private static final Duration IDLE = Duration.ofMinutes(30);
    private static final Duration MAX_AGE = Duration.ofHours(8);

    private final MovableClock clock = new MovableClock();
    private final Sessions sessions = new Sessions(IDLE, MAX_AGE, clock);

    @Test
    void aSessionInUseEndsAtItsAbsoluteLifetime() {
        String id = sessions.open();
        for (Duration used = Duration.ZERO; used.compareTo(MAX_AGE.minus(IDLE)) < 0; used = used.plus(IDLE.dividedBy(2))) {
            clock.advance(IDLE.dividedBy(2));
            assertTrue(sessions.touch(id), "in use after " + used);
        }
        clock.advance(MAX_AGE.minus(Duration.between(clock.opened, clock.now)));

        assertFalse(sessions.touch(id), "refused at its absolute lifetime though just used");
        clock.advance(Duration.ofSeconds(-1));
        assertFalse(sessions.touch(id), "and forgotten");
    }

    @Test
    void aSessionLeftIdleEnds() {
        String id = sessions.open();
        clock.advance(IDLE.plusSeconds(1));

        assertFalse(sessions.touch(id));
    }

    @Test
    void aClosedOrUnknownSessionIsRefused() {
        String id = sessions.open();
        sessions.close(id);

        assertFalse(sessions.touch(id));
        assertFalse(sessions.touch("unknown"));
        assertFalse(sessions.touch(null));
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {

        private final Instant opened = Instant.parse("2026-01-01T08:00:00Z");
        private Instant now = opened;

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
