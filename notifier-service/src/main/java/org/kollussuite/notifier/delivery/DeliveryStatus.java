package org.kollussuite.notifier.delivery;

import java.util.Locale;

/** Where a delivery stands. */
public enum DeliveryStatus {
    /** Waiting for its next attempt (or its first). */
    PENDING,
    /** The endpoint answered 2xx. */
    DELIVERED,
    /** Every attempt of the retry schedule failed; kept for replay. */
    FAILED;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
