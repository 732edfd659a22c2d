package org.kollussuite.notifier.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * What one attempt gave: the status code (null without an answer), the time it took, the start of the
 * response body, the error when there was no usable answer, and the {@code Retry-After} asked for.
 */
public record AttemptResult(long deliveryId, String endpoint, Instant attemptedAt, Integer statusCode, long latencyMillis,
                            String response, String error, Duration retryAfter) {

    public boolean delivered() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }

    /** {@code 410 Gone}: the receiver asks never to be called again. */
    public boolean gone() {
        return statusCode != null && statusCode == 410;
    }
}
