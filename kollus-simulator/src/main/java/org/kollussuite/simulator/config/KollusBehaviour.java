package org.kollussuite.simulator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Kollus' documented sending rules (kollus-callbacks.md §2.2, §5.1): fixed by Kollus, so
 * configuration rather than options; only the time between retries is an option, to scale it.
 */
@ConfigMapping(prefix = "simulator.kollus")
public interface KollusBehaviour {

    /** A connection that does not open within this is a failed attempt. */
    @WithDefault("PT2S")
    Duration connectTimeout();

    /** An answer that does not arrive within this after sending is a failed attempt. */
    @WithDefault("PT3S")
    Duration responseTimeout();

    /** Retries of a failed platform callback after the first attempt. */
    @WithDefault("3")
    int platformRetries();

    /** Re-sends of an LMS snapshot that got no HTTP answer before the simulated player drops it. */
    @WithDefault("10")
    int lmsResendAttempts();
}
