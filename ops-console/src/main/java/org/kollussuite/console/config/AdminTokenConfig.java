package org.kollussuite.console.config;

import io.smallrye.config.ConfigMapping;
import jakarta.validation.constraints.NotBlank;

/** The suite's admin token ({@code ADMIN_API_TOKEN}): the console's bearer for the services and the sign-in secret. */
@ConfigMapping(prefix = "admin")
public interface AdminTokenConfig {

    @NotBlank(message = "ADMIN_API_TOKEN must not be blank")
    String apiToken();
}
