package org.kollussuite.notifier.config;

import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.inject.Singleton;
import org.kollussuite.commons.config.ConfigNames;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * The longest time range a replay may cover ({@code NOTIFIER_REPLAY_MAX_RANGE}), read at start: a replay
 * of years would put millions of deliveries back at once, so a wider one is refused and the operator
 * replays in parts. A value that is not a positive ISO-8601 duration stops the service.
 */
@Startup
@Singleton
public class ReplayLimit {

    public static final String DEFAULT = "P31D";
    public static final String VARIABLE = ConfigNames.env("notifier.replay-max-range");

    private final Duration maxRange;
    private final String setting;

    public ReplayLimit(NotifierConfig config) {
        this.maxRange = parse(config.replayMaxRange());
        this.setting = config.replayMaxRange().strip();
    }

    public Duration maxRange() {
        return maxRange;
    }

    /** The limit as the operator wrote it ({@code P31D} rather than {@code PT744H}), for refusals. */
    public String setting() {
        return setting;
    }

    /** The setting's value typed, or a {@link ConfigurationException} that names the variable. */
    public static Duration parse(String value) {
        Duration parsed;
        try {
            parsed = Duration.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new ConfigurationException(VARIABLE + ": '" + value.strip()
                    + "' is not an ISO-8601 duration such as P31D or PT12H");
        }
        if (parsed.isZero() || parsed.isNegative()) {
            throw new ConfigurationException(VARIABLE + ": '" + value.strip() + "' must be positive");
        }
        return parsed;
    }
}
