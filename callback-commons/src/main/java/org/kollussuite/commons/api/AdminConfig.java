package org.kollussuite.commons.api;

import io.smallrye.config.ConfigMapping;

/** The admin API's credentials ({@code ADMIN_API_TOKEN}). */
@ConfigMapping(prefix = "admin")
public interface AdminConfig {

    /** Bearer token every {@code /api/**} request must present. */
    String apiToken();
}
