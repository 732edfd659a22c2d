package org.kollussuite.console.security;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The throttle's window and its bounded memory of addresses. */
class SignInThrottleWindowTest {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final AtomicLong nanos = new AtomicLong();
    private final SignInThrottle throttle = new SignInThrottle(2, WINDOW, nanos::get);

    @Test
    void anAddressIsRefusedOnceOverTheLimitAndMayTryAgainWhenItsWindowEnds() {
        throttle.failed("192.0.2.1");
        assertTrue(throttle.refusedFor("192.0.2.1").isEmpty());
        throttle.failed("192.0.2.1");
        assertEquals(WINDOW, throttle.refusedFor("192.0.2.1").orElseThrow());
        assertTrue(throttle.refusedFor("192.0.2.2").isEmpty(), "other addresses are not affected");

        nanos.addAndGet(WINDOW.minusSeconds(10).toNanos());
        assertEquals(10, SignInThrottle.retryAfterSeconds(throttle.refusedFor("192.0.2.1").orElseThrow()));
        nanos.addAndGet(Duration.ofSeconds(10).toNanos());
        assertTrue(throttle.refusedFor("192.0.2.1").isEmpty());
    }

    @Test
    void aFloodOfAddressesIsRememberedOnlyUpToTheBound() {
        for (int i = 0; i < SignInThrottle.MAX_ADDRESSES * 2; i++) {
            throttle.failed("198.51." + (i / 256) + "." + (i % 256));
        }
        assertTrue(throttle.remembered() <= SignInThrottle.MAX_ADDRESSES, "remembered " + throttle.remembered());
    }

    @Test
    void retryAfterIsRoundedUpToWholeSecondsAndNeverZero() {
        assertEquals(1, SignInThrottle.retryAfterSeconds(Duration.ofMillis(1)));
        assertEquals(2, SignInThrottle.retryAfterSeconds(Duration.ofMillis(1001)));
    }
}
