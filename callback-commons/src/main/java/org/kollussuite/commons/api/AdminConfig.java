package org.kollussuite.commons.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;

/** The admin API's credentials ({@code ADMIN_API_TOKEN}) and how guessing them is throttled. */
@ConfigMapping(prefix = "admin")
public interface AdminConfig {

    /** Bearer token every {@code /api/**} request must present. */
    String apiToken();

    /** Failed bearer checks one source address may make within {@link #apiFailureWindow()} before 429. */
    @WithDefault("10")
    @Min(1)
    @Max(1_000_000)
    int apiFailureLimit();

    /** How long a window of failures lasts; an address over the limit is refused until its window ends. */
    @WithDefault("PT1M")
    @DurationMin(seconds = 1)
    Duration apiFailureWindow();
}
