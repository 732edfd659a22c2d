package org.kollussuite.notifier.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.Map;

/** Webhook endpoints ({@code NOTIFIER_WEBHOOKS_<NAME>_*}) and the delivery engine's settings ({@code NOTIFIER_*}). */
@ConfigMapping(prefix = "notifier")
public interface NotifierConfig {

    /** Endpoints by operator-chosen name. */
    @WithName("webhooks")
    Map<String, WebhookSettings> webhooks();

    /** How often due deliveries are looked for when nothing woke the dispatcher. */
    @WithDefault("PT1S")
    Duration pollInterval();

    /** Consecutive failed attempts that open an endpoint's circuit. */
    @WithDefault("5")
    int circuitFailureThreshold();

    /** How long an open circuit pauses an endpoint before one trial attempt. */
    @WithDefault("PT30S")
    Duration circuitOpenDuration();

    /** The longest {@code Retry-After} honoured. */
    @WithDefault("PT1H")
    Duration maxRetryAfter();

    /** Response bodies beyond this are cut off (the connection is closed). */
    @WithDefault("64K")
    MemorySize maxResponseSize();

    /** Delivered deliveries and their attempts older than this are deleted. */
    @WithDefault("P30D")
    Duration retention();

    /**
     * The longest range one replay may cover, as the environment gives it; {@link ReplayLimit} types and
     * checks it so that a bad value names {@code NOTIFIER_REPLAY_MAX_RANGE}.
     */
    @WithDefault(ReplayLimit.DEFAULT)
    String replayMaxRange();
}
