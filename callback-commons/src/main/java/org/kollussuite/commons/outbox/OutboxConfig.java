package org.kollussuite.commons.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.Duration;

/** Tuning of the outbox relay ({@code OUTBOX_*}). */
@ConfigMapping(prefix = "outbox")
public interface OutboxConfig {

    String POLL_INTERVAL = "outbox.poll-interval";

    /** Whether this instance publishes pending events; every replica may, one at a time, in commit order. */
    @WithDefault("true")
    boolean relayEnabled();

    /** Safety net for wake-ups lost with a crash; commits wake the relay at once. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Events claimed and published per transaction; their confirms are awaited together. */
    @WithDefault("256")
    @Min(1)
    @Max(4096)
    int batchSize();

    /** How long to wait for the broker's confirms of one batch before retrying it later. */
    @WithDefault("10s")
    Duration confirmTimeout();

    /** How long published events stay in the table for inspection. */
    @WithDefault("P7D")
    Duration retention();
}
