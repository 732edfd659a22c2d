package org.kollussuite.commons.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class FailureThrottleTest {

    private final AtomicLong now = new AtomicLong();
    private final FailureThrottle throttle = new FailureThrottle(3, Duration.ofSeconds(60), now::get);

    @Test
    void anAddressMayFailUpToTheLimitAndIsThenRefusedUntilItsWindowEnds() {
        throttle.failed("10.0.0.1");
        throttle.failed("10.0.0.1");
        assertEquals(Optional.empty(), throttle.refusedFor("10.0.0.1"));

        throttle.failed("10.0.0.1");
        now.addAndGet(Duration.ofSeconds(20).toNanos());

        assertEquals(Optional.of(Duration.ofSeconds(40)), throttle.refusedFor("10.0.0.1"));
        now.addAndGet(Duration.ofSeconds(40).toNanos());
        assertEquals(Optional.empty(), throttle.refusedFor("10.0.0.1"));
    }

    @Test
    void anotherAddressIsNotRefusedForOnesFailures() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("10.0.0.1");
        }

        assertEquals(Optional.empty(), throttle.refusedFor("10.0.0.2"));
    }

    @Test
    void failuresSpreadOverSeveralWindowsNeverReachTheLimit() {
        for (int i = 0; i < 10; i++) {
            throttle.failed("10.0.0.1");
            throttle.failed("10.0.0.1");
            now.addAndGet(Duration.ofSeconds(61).toNanos());
        }

        assertEquals(Optional.empty(), throttle.refusedFor("10.0.0.1"));
    }

    @Test
    void retryAfterIsRoundedUpToWholeSecondsAndNeverZero() {
        assertEquals(40, FailureThrottle.retryAfterSeconds(Duration.ofMillis(39_001)));
        assertEquals(1, FailureThrottle.retryAfterSeconds(Duration.ofNanos(1)));
    }

    @Test
    void aFloodOfSourceAddressesIsForgottenBeyondTheBound() {
        FailureThrottle flooded = new FailureThrottle(1, Duration.ofSeconds(60), now::get);
        for (int i = 0; i < FailureThrottle.MAX_ADDRESSES * 3; i++) {
            flooded.failed("addr-" + i);
        }

        long stillRefused = java.util.stream.IntStream.range(0, FailureThrottle.MAX_ADDRESSES * 3)
                .filter(i -> flooded.refusedFor("addr-" + i).isPresent()).count();
        assertTrue(stillRefused <= FailureThrottle.MAX_ADDRESSES * 1.1, "remembered " + stillRefused);
    }
}
