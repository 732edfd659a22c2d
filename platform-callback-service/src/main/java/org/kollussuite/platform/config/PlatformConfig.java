package org.kollussuite.platform.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the platform callback receiver ({@code PLATFORM_CALLBACKS_*}). */
@ConfigMapping(prefix = "platform-callbacks")
public interface PlatformConfig {

    /** A repeat of an accepted callback within this window is a duplicate; Kollus retries for 15 minutes. */
    @WithDefault("PT1H")
    Duration dedupWindow();

    /** Larger callback bodies are refused with 413. */
    @WithDefault("64K")
    MemorySize maxBodySize();

    /** How long received callbacks stay in the inbox. */
    @WithDefault("P90D")
    Duration inboxRetention();
}
