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

    /**
     * Snapshots waiting for a batch, all writers together; beyond this a callback's connection is closed without
     * an answer, so that the player keeps the snapshot and sends it again later.
     */
    @WithDefault("50000")
    int queueCapacity();

    /** A larger callback body is quarantined as its first this many bytes ({@code LMS_MAX_BODY_SIZE}). */
    @WithDefault("64K")
    MemorySize maxBodySize();

    /** The largest block count a snapshot may declare. */
    @WithDefault("1000")
    int maxBlockCount();

    /** How long quarantined snapshots are kept ({@code LMS_QUARANTINE_RETENTION}). */
    @WithDefault("P90D")
    Duration quarantineRetention();

    /** Quarantined snapshots kept per channel at most, the oldest dropped first ({@code LMS_QUARANTINE_MAX_PER_CHANNEL}). */
    @WithDefault("1000000")
    @Min(value = 1, message = "LMS_QUARANTINE_MAX_PER_CHANNEL must be at least 1")
    long quarantineMaxPerChannel();
}
