package org.kollussuite.notifier.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One endpoint's circuit: after {@code threshold} consecutive failed attempts it opens and the
 * endpoint gets no attempt for {@code openDuration} (its deliveries keep their retry budget), then a
 * single trial attempt decides: success closes it, failure opens it again.
 */
public final class CircuitBreaker {

    /** The circuit's state, as metrics and the API show it. */
    public enum State {
        CLOSED, OPEN, HALF_OPEN
    }

    private final int threshold;
    private final Duration openDuration;
    private final Clock clock;
    private int consecutiveFailures;
    private Instant openUntil;
    private boolean trialInFlight;

    public CircuitBreaker(int threshold, Duration openDuration, Clock clock) {
        this.threshold = threshold;
        this.openDuration = openDuration;
        this.clock = clock;
    }

    /** How many attempts may start now, given {@code free} slots. */
    public synchronized int permits(int free) {
        if (openUntil == null) {
            return free;
        }
        if (clock.instant().isBefore(openUntil) || trialInFlight) {
            return 0;
        }
        trialInFlight = free > 0;
        return Math.min(free, 1);
    }

    /** Gives back a trial permit that found nothing to attempt. */
    public synchronized void unused(int permitted, int used) {
        if (trialInFlight && used == 0 && permitted > 0) {
            trialInFlight = false;
        }
    }

    public synchronized void succeeded() {
        consecutiveFailures = 0;
        openUntil = null;
        trialInFlight = false;
    }

    public synchronized void failed() {
        consecutiveFailures++;
        if (trialInFlight || consecutiveFailures >= threshold) {
            openUntil = clock.instant().plus(openDuration);
        }
        trialInFlight = false;
    }

    public synchronized State state() {
        if (openUntil == null) {
            return State.CLOSED;
        }
        return clock.instant().isBefore(openUntil) ? State.OPEN : State.HALF_OPEN;
    }
}
