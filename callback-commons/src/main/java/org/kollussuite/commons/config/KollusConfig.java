package org.kollussuite.commons.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Service-account and per-channel settings, read from {@code KOLLUS_*} environment variables.
 */
@ConfigMapping(prefix = "kollus")
public interface KollusConfig {

    /** Expected {@code content_provider_key} of platform callbacks ({@code KOLLUS_SERVICE_ACCOUNT_KEY}). */
    Optional<String> serviceAccountKey();

    /** HS256 key of every JWT the suite signs ({@code KOLLUS_SECURITY_KEY}). */
    Optional<String> securityKey();

    /** Value of the {@code X-Kollus-UserKey} response header ({@code KOLLUS_CUSTOM_KEY}). */
    Optional<String> customKey();

    /** Default inbound {@code token} of every callback URL ({@code KOLLUS_CALLBACK_TOKEN}). */
    Optional<String> callbackToken();

    /** Source networks allowed to send platform callbacks ({@code KOLLUS_PLATFORM_ALLOWED_CIDRS}). */
    Optional<List<String>> platformAllowedCidrs();

    /** Base URL of the Kollus player ({@code KOLLUS_PLAYER_URL}). */
    @WithDefault("https://v.kr.kollus.com/s")
    String playerUrl();

    /** Channels by operator-chosen alias ({@code KOLLUS_CHANNELS_<ALIAS>_*}). */
    @WithName("channels")
    Map<String, ChannelSettings> channels();
}
