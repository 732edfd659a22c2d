package org.kollussuite.lms.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;

import java.time.Duration;

/** Settings of the LMS callback receiver ({@code LMS_*}). */
@ConfigMapping(prefix = "lms")
public interface LmsConfig {

    /** Snapshots committed together at most; a batch is whatever arrived while the previous one committed. */
    @WithDefault("1000")
    int batchSize();

    /**
     * Batch writers, each with its own transaction; a learner's snapshots always go to the same one, so
     * writers never wait for each other's row locks, and one's database round trips overlap another's work.
     * Two keep a 2-core machine busy where one leaves it waiting on its round trips; more only make batches smaller.
     */
    @WithDefault("2")
    @Min(value = 1, message = "LMS_WRITERS must be at least 1")
    int writers();

    /** Snapshots waiting for a batch, all writers together; beyond this, callbacks answer 503 and the player re-sends them later. */
    @WithDefault("50000")
    int queueCapacity();

    /** Larger callback bodies are refused with 413. */
    @WithDefault("64K")
    MemorySize maxBodySize();

    /** The largest block count a snapshot may declare. */
    @WithDefault("1000")
    int maxBlockCount();

    /** How long rejected snapshots are kept. */
    @WithDefault("P30D")
    Duration rejectedRetention();
}
