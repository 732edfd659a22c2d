package org.kollussuite.console.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;

/** Where the four services' admin APIs are and how the console talks to them ({@code CONSOLE_*}). */
@ConfigMapping(prefix = "console")
public interface ConsoleConfig {

    /** An absolute http(s) URL without a trailing path is all a base URL may be. */
    String URL_PATTERN = "https?://[^\\s/?#]+(/[^\\s?#]*)?";

    /** Base URL of platform-callback-service ({@code CONSOLE_PLATFORM_URL}). */
    @WithDefault("http://localhost:8081")
    @Pattern(regexp = URL_PATTERN, message = "CONSOLE_PLATFORM_URL must be an http:// or https:// URL")
    String platformUrl();

    /** Base URL of player-callback-service ({@code CONSOLE_PLAYER_URL}). */
    @WithDefault("http://localhost:8082")
    @Pattern(regexp = URL_PATTERN, message = "CONSOLE_PLAYER_URL must be an http:// or https:// URL")
    String playerUrl();

    /** Base URL of lms-service ({@code CONSOLE_LMS_URL}). */
    @WithDefault("http://localhost:8083")
    @Pattern(regexp = URL_PATTERN, message = "CONSOLE_LMS_URL must be an http:// or https:// URL")
    String lmsUrl();

    /** Base URL of notifier-service ({@code CONSOLE_NOTIFIER_URL}). */
    @WithDefault("http://localhost:8084")
    @Pattern(regexp = URL_PATTERN, message = "CONSOLE_NOTIFIER_URL must be an http:// or https:// URL")
    String notifierUrl();

    /**
     * Time to open a connection to a service ({@code CONSOLE_CONNECT_TIMEOUT}); short, so that a service
     * that is down costs a page little.
     */
    @WithDefault("PT2S")
    Duration connectTimeout();

    /** Time to wait for a service's answer ({@code CONSOLE_READ_TIMEOUT}). */
    @WithDefault("PT2S")
    Duration readTimeout();

    /**
     * Time to wait for the answer to an action that may take long, re-applying a channel's quarantined LMS
     * snapshots ({@code CONSOLE_ACTION_TIMEOUT}).
     */
    @WithDefault("PT2M")
    Duration actionTimeout();

    /** How long a sign-in lasts without use ({@code CONSOLE_SESSION_IDLE_TIMEOUT}). */
    @WithDefault("PT8H")
    Duration sessionIdleTimeout();

    /**
     * How long a sign-in lasts at most, however continuously it is used ({@code CONSOLE_SESSION_MAX_AGE}),
     * so that a session id that leaked stops working by itself.
     */
    @WithDefault("PT8H")
    @DurationMin(seconds = 1, message = "CONSOLE_SESSION_MAX_AGE must be at least PT1S")
    Duration sessionMaxAge();

    /** Whether the session and CSRF cookies are sent over HTTPS only ({@code CONSOLE_SECURE_COOKIE}). */
    @WithDefault("false")
    boolean secureCookie();

    /** Rows of every list page ({@code CONSOLE_PAGE_SIZE}). */
    @WithDefault("25")
    @Min(value = 5, message = "CONSOLE_PAGE_SIZE must be between 5 and 500")
    @Max(value = 500, message = "CONSOLE_PAGE_SIZE must be between 5 and 500")
    int pageSize();
}
