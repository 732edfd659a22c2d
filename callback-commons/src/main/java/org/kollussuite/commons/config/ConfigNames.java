package org.kollussuite.commons.config;

import java.util.Locale;

/** Property names of the suite's settings and the environment variables that set them. */
public final class ConfigNames {

    public static final String SERVICE_ACCOUNT_KEY = "kollus.service-account-key";
    public static final String SECURITY_KEY = "kollus.security-key";
    public static final String CUSTOM_KEY = "kollus.custom-key";
    public static final String CALLBACK_TOKEN = "kollus.callback-token";
    public static final String PLATFORM_ALLOWED_CIDRS = "kollus.platform-allowed-cidrs";
    public static final String PLAYER_URL = "kollus.player-url";
    public static final String ADMIN_API_TOKEN = "admin.api-token";
    public static final String CHANNELS = "kollus.channels";

    private ConfigNames() {
    }

    /** The environment variable that sets {@code property}, e.g. {@code KOLLUS_CHANNELS_DEMO_PLAY_POLICY}. */
    public static String env(String property) {
        StringBuilder name = new StringBuilder(property.length());
        for (char c : property.toCharArray()) {
            name.append(Character.isLetterOrDigit(c) ? c : '_');
        }
        return name.toString().toUpperCase(Locale.ROOT);
    }

    /** The property of one setting of the channel {@code alias}, e.g. {@code kollus.channels.demo.key}. */
    public static String channelSetting(String alias, String setting) {
        return CHANNELS + "." + alias + "." + setting;
    }
}
