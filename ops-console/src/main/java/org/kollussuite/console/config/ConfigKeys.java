package org.kollussuite.console.config;

/** Property names of the console's settings, shared by the code and the tests that set them. */
public final class ConfigKeys {

    public static final String PLATFORM_URL = "console.platform-url";
    public static final String PLAYER_URL = "console.player-url";
    public static final String LMS_URL = "console.lms-url";
    public static final String NOTIFIER_URL = "console.notifier-url";
    public static final String CONNECT_TIMEOUT = "console.connect-timeout";
    public static final String READ_TIMEOUT = "console.read-timeout";
    public static final String ACTION_TIMEOUT = "console.action-timeout";
    public static final String SESSION_IDLE_TIMEOUT = "console.session-idle-timeout";
    public static final String SESSION_MAX_AGE = "console.session-max-age";
    public static final String SECURE_COOKIE = "console.secure-cookie";
    public static final String PAGE_SIZE = "console.page-size";
    public static final String ADMIN_API_TOKEN = "admin.api-token";
    public static final String ADMIN_API_FAILURE_LIMIT = "admin.api-failure-limit";
    public static final String ADMIN_API_FAILURE_WINDOW = "admin.api-failure-window";

    private ConfigKeys() {
    }

    /** The environment variable that sets {@code property}, e.g. {@code CONSOLE_PLATFORM_URL}. */
    public static String env(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }
}
