package org.kollussuite.lms.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the LMS callback receiver ({@code LMS_*}). */
@ConfigMapping(prefix = "lms")
public interface LmsConfig {

    /** Snapshots committed together at most; a batch is whatever arrived while the previous one committed. */
    @WithDefault("1000")
    int batchSize();

    /** Snapshots waiting for a batch; beyond this, callbacks answer 503 and the player re-sends them later. */
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
