package org.kollussuite.player.config;

import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.inject.Singleton;
import org.kollussuite.commons.config.Channel;
import org.kollussuite.commons.config.ChannelDirectory;
import org.kollussuite.commons.config.ChannelSettings;
import org.kollussuite.commons.config.ParameterNames;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The next-episode request parameters of every channel ({@code KOLLUS_CHANNELS_<ALIAS>_NEXT_EPISODE_PARAM_MCK},
 * {@code _USER}), read once at start, because each channel's console may rename its plugin options; names
 * that cannot be read stop the service naming each variable.
 */
@Startup
@Singleton
public class NextEpisodeNames {

    public static final String MCK = "next-episode-param-mck";
    public static final String USER = "next-episode-param-user";
    public static final String DEFAULT_MCK = "mck,media_content_key";
    public static final String DEFAULT_USER = "client_user_id,cuid";

    /** The names tried, in order, for the current media content key and for the user id. */
    public record Names(List<String> mediaContentKey, List<String> clientUserId) {
    }

    private final Map<String, Names> byKey = new HashMap<>();

    public NextEpisodeNames(ChannelDirectory channels) {
        List<String> problems = new ArrayList<>();
        for (Channel channel : channels.all()) {
            ChannelSettings raw = channels.settingsOf(channel);
            List<String> mck = names(channel, MCK, raw.nextEpisodeParamMck(), DEFAULT_MCK, problems);
            List<String> user = names(channel, USER, raw.nextEpisodeParamUser(), DEFAULT_USER, problems);
            byKey.put(channel.key(), new Names(mck, user));
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid next-episode configuration:\n  - " + String.join("\n  - ", problems));
        }
    }

    /** The names of a configured channel. */
    public Names of(Channel channel) {
        return byKey.get(channel.key());
    }

    private static List<String> names(Channel channel, String setting, Optional<String> value, String defaults,
                                      List<String> problems) {
        try {
            return ParameterNames.parse(value.orElse(defaults));
        } catch (IllegalArgumentException e) {
            problems.add(ChannelDirectory.variable(channel.alias(), setting) + ": " + e.getMessage());
            return List.of();
        }
    }
}
