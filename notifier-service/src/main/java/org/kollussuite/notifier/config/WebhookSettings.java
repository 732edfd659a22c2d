package org.kollussuite.notifier.config;

import io.smallrye.config.WithDefault;

import java.util.Optional;

/**
 * One endpoint's settings exactly as the environment gives them; {@link WebhookDirectory} types and
 * checks them, naming the variable of every problem.
 */
public interface WebhookSettings {

    Optional<String> url();

    Optional<String> secret();

    @WithDefault("*")
    String events();

    Optional<String> channels();

    @WithDefault("PT5S,PT5M,PT30M,PT2H,PT5H,PT10H,PT10H")
    String retrySchedule();

    @WithDefault("PT10S")
    String timeout();

    @WithDefault("16")
    String maxInFlight();
}
