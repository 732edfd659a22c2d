package org.kollussuite.commons.config;

import io.smallrye.config.WithDefault;

import java.util.Optional;

/**
 * The settings of one Kollus channel exactly as the environment gives them,
 * {@code KOLLUS_CHANNELS_<ALIAS>_<SETTING>}. {@link ChannelDirectory} turns them into a typed
 * {@link Channel}, refusing to start with the name of every variable it cannot read.
 */
public interface ChannelSettings {

    /** The Kollus channel key, as it appears in callback URLs and payloads. Required. */
    Optional<String> key();

    /** Inbound token of this channel's URLs; the shared {@code KOLLUS_CALLBACK_TOKEN} when absent. */
    Optional<String> callbackToken();

    @WithDefault("ENTITLEMENT")
    String playPolicy();

    @WithDefault("PT24H")
    String playExpiration();

    @WithDefault("0")
    String playPlaytimeLimit();

    @WithDefault("true")
    String playVmcheck();

    @WithDefault("You are not allowed to play this content.")
    String playDenyMessage();

    @WithDefault("DENY")
    String playFailMode();

    @WithDefault("ENTITLEMENT")
    String downloadPolicy();

    @WithDefault("P7D")
    String downloadExpiration();

    @WithDefault("0")
    String downloadPlayCount();

    @WithDefault("0")
    String downloadPlaytime();

    @WithDefault("false")
    String downloadCheckAbuse();

    @WithDefault("EXPIRE")
    String downloadRevokedAction();

    @WithDefault("TITLE")
    String nextEpisodeOrder();

    /** The next-episode parameters with the current media content key and the user id, comma lists; player-callback-service holds their defaults. */
    Optional<String> nextEpisodeParamMck();

    Optional<String> nextEpisodeParamUser();

    @WithDefault("json_data")
    String lmsJsonParam();

    /** The flat LMS parameters of each value, comma lists; lms-service holds their defaults and reads them. */
    Optional<String> lmsParamClientUserId();

    Optional<String> lmsParamMediaContentKey();

    Optional<String> lmsParamStartAt();

    Optional<String> lmsParamPlaytime();

    Optional<String> lmsParamRealPlaytime();

    Optional<String> lmsParamLastPlayAt();

    Optional<String> lmsParamDuration();

    Optional<String> lmsParamPlaytimePercent();

    Optional<String> lmsParamBlockCount();

    /** Flat LMS block key templates: watched flag, time, percent. */
    Optional<String> lmsBlockKeys();

    /** What LMS progress is computed from. */
    Optional<String> lmsProgressBasis();

    @WithDefault("90")
    String lmsCompletionPercent();

    @WithDefault("10")
    String lmsProgressStep();

    /** Origins that may read the answers of this channel's URLs: {@code *}, a comma list, or {@code none}. */
    @WithDefault("*")
    String corsOrigins();
}
