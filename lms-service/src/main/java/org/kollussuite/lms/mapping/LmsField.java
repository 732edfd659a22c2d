package org.kollussuite.lms.mapping;

import org.kollussuite.commons.config.ChannelSettings;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * A value the suite reads from an LMS snapshot: where Kollus' JSON document holds it (fixed names) and
 * the channel setting that names the flat parameters carrying it ({@code LMS_PARAM_*}).
 */
public enum LmsField {

    CLIENT_USER_ID("user_info", List.of("client_user_id"), "client_user_id", ChannelSettings::lmsParamClientUserId),
    MEDIA_CONTENT_KEY("content_info", List.of("media_content_key"), "media_content_key",
            ChannelSettings::lmsParamMediaContentKey),
    START_AT("content_info", List.of("start_at"), "start_at", ChannelSettings::lmsParamStartAt),
    // Kollus' samples read the document's playtime under both spellings.
    PLAYTIME("content_info", List.of("playtime", "play_time"), "playtime,play_time", ChannelSettings::lmsParamPlaytime),
    REAL_PLAYTIME("content_info", List.of("real_playtime"), "real_playtime", ChannelSettings::lmsParamRealPlaytime),
    LAST_PLAY_AT("content_info", List.of("last_play_at"), "last_play_at", ChannelSettings::lmsParamLastPlayAt),
    DURATION("content_info", List.of("duration"), "duration", ChannelSettings::lmsParamDuration),
    PLAYTIME_PERCENT("content_info", List.of("playtime_percent"), "playtime_percent",
            ChannelSettings::lmsParamPlaytimePercent),
    BLOCK_COUNT("block_info", List.of("block_count"), "block_count", ChannelSettings::lmsParamBlockCount);

    private final String section;
    private final List<String> documentNames;
    private final String defaultParameters;
    private final Function<ChannelSettings, Optional<String>> setting;

    LmsField(String section, List<String> documentNames, String defaultParameters,
             Function<ChannelSettings, Optional<String>> setting) {
        this.section = section;
        this.documentNames = documentNames;
        this.defaultParameters = defaultParameters;
        this.setting = setting;
    }

    /** The channel's own setting of its flat parameters, as the environment gives it. */
    Optional<String> settingOf(ChannelSettings settings) {
        return setting.apply(settings);
    }

    /** The object of the JSON document that holds the value. */
    public String section() {
        return section;
    }

    /** Its names inside that object, tried in order. */
    public List<String> documentNames() {
        return documentNames;
    }

    /** The channel setting naming its flat parameters, e.g. {@code lms-param-client-user-id}. */
    public String setting() {
        return "lms-param-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The flat parameters read when the channel names none, as a comma list. */
    public String defaultParameters() {
        return defaultParameters;
    }
}
