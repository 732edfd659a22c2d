package org.kollussuite.commons.config;

import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The settings of one Kollus channel, {@code KOLLUS_CHANNELS_<ALIAS>_<SETTING>}. */
public interface ChannelSettings {

    /** The Kollus channel key, as it appears in callback URLs and payloads. Required. */
    String key();

    /** Inbound token of this channel's URLs; the shared {@code KOLLUS_CALLBACK_TOKEN} when absent. */
    Optional<String> callbackToken();

    @WithDefault("ENTITLEMENT")
    AccessPolicy playPolicy();

    /** {@code expiration_date} = now + this; zero means unlimited. */
    @WithDefault("PT24H")
    Duration playExpiration();

    /** Seconds of playback allowed ({@code expiration_playtime}); 0 is unlimited. */
    @WithDefault("0")
    long playPlaytimeLimit();

    @WithDefault("true")
    boolean playVmcheck();

    @WithDefault("You are not allowed to play this content.")
    String playDenyMessage();

    @WithDefault("DENY")
    FailMode playFailMode();

    @WithDefault("ENTITLEMENT")
    AccessPolicy downloadPolicy();

    @WithDefault("P7D")
    Duration downloadExpiration();

    /** {@code expiration_count} of downloads, 0 to 1000; 0 is unlimited. */
    @WithDefault("0")
    int downloadPlayCount();

    /** {@code expiration_playtime} of downloads: 0 (unlimited) or 60 to 604800 seconds. */
    @WithDefault("0")
    long downloadPlaytime();

    @WithDefault("false")
    boolean downloadCheckAbuse();

    @WithDefault("TITLE")
    EpisodeOrder nextEpisodeOrder();

    @WithDefault("json_data")
    String lmsJsonParam();

    @WithDefault("90")
    int lmsCompletionPercent();

    @WithDefault("10")
    int lmsProgressStep();
}
