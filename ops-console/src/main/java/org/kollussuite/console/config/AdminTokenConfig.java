package org.kollussuite.console.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;

/**
 * The suite's admin token ({@code ADMIN_API_TOKEN}): the console's bearer for the services and the sign-in secret.
 * Guessing it at the sign-in form is throttled with the same settings the services' admin APIs read
 * ({@code ADMIN_API_FAILURE_LIMIT}, {@code ADMIN_API_FAILURE_WINDOW}), so one pair bounds guesses suite-wide.
 */
@ConfigMapping(prefix = "admin")
public interface AdminTokenConfig {

    @NotBlank(message = "ADMIN_API_TOKEN must not be blank")
    String apiToken();

    /** Wrong tokens one source address may send within {@link #apiFailureWindow()} before it is refused. */
    @WithDefault("10")
    @Min(value = 1, message = "ADMIN_API_FAILURE_LIMIT must be between 1 and 1000000")
    @Max(value = 1_000_000, message = "ADMIN_API_FAILURE_LIMIT must be between 1 and 1000000")
    int apiFailureLimit();

    /** How long a window of failures lasts, from an address's first; a refused address waits for its end. */
    @WithDefault("PT1M")
    @DurationMin(seconds = 1, message = "ADMIN_API_FAILURE_WINDOW must be at least PT1S")
    Duration apiFailureWindow();
}
