package org.kollussuite.commons.config;

import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The configured channels, checked once at start: a service whose channel configuration is wrong
 * refuses to start and names every offending environment variable.
 */
@Startup
@Singleton
public class ChannelDirectory {

    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9]+");

    private final Map<String, Channel> byKey = new LinkedHashMap<>();
    private final Map<String, Channel> byAlias = new LinkedHashMap<>();

    public ChannelDirectory(KollusConfig config) {
        List<String> problems = new ArrayList<>();
        config.channels().forEach((alias, settings) -> {
            Channel channel = check(alias, settings, config.callbackToken(), problems);
            if (channel == null) {
                return;
            }
            Channel other = byKey.putIfAbsent(channel.key(), channel);
            if (other != null) {
                problems.add(env(alias, "key") + ": channel key '" + channel.key() + "' is already used by "
                        + env(other.alias(), "key"));
            }
            byAlias.put(channel.alias(), channel);
        });
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid channel configuration:\n  - " + String.join("\n  - ", problems));
        }
    }

    /** The channel whose Kollus key is {@code key}. */
    public Optional<Channel> byKey(String key) {
        return Optional.ofNullable(key == null ? null : byKey.get(key));
    }

    /** The channel named {@code alias} by the operator, in any letter case. */
    public Optional<Channel> byAlias(String alias) {
        return Optional.ofNullable(alias == null ? null : byAlias.get(alias.toUpperCase(Locale.ROOT)));
    }

    public Collection<Channel> all() {
        return byKey.values();
    }

    private static Channel check(String alias, ChannelSettings settings, Optional<String> sharedToken,
                                 List<String> problems) {
        int before = problems.size();
        if (!ALIAS.matcher(alias).matches()) {
            problems.add(ConfigNames.env(ConfigNames.channelSetting(alias, "key"))
                    + ": the alias '" + alias + "' may contain only letters A-Z and digits");
        }
        if (settings.key().isBlank()) {
            problems.add(env(alias, "key") + ": the channel key is empty");
        }
        Optional<String> token = settings.callbackToken().filter(t -> !t.isBlank()).or(() -> sharedToken.filter(t -> !t.isBlank()));
        if (token.isEmpty()) {
            problems.add(env(alias, "callback-token") + ": no inbound token; set it or "
                    + ConfigNames.env(ConfigNames.CALLBACK_TOKEN));
        }
        nonNegative(settings.playExpiration(), alias, "play-expiration", problems);
        nonNegative(settings.downloadExpiration(), alias, "download-expiration", problems);
        if (settings.playPlaytimeLimit() < 0) {
            problems.add(env(alias, "play-playtime-limit") + ": must be 0 (unlimited) or a number of seconds");
        }
        if (settings.downloadPlayCount() < 0 || settings.downloadPlayCount() > 1000) {
            problems.add(env(alias, "download-play-count") + ": must be between 0 and 1000, was "
                    + settings.downloadPlayCount());
        }
        long playtime = settings.downloadPlaytime();
        if (playtime != 0 && (playtime < 60 || playtime > 604_800)) {
            problems.add(env(alias, "download-playtime") + ": must be 0 or between 60 and 604800 seconds, was "
                    + playtime);
        }
        percent(settings.lmsCompletionPercent(), alias, "lms-completion-percent", problems);
        percent(settings.lmsProgressStep(), alias, "lms-progress-step", problems);
        if (settings.lmsJsonParam().isBlank()) {
            problems.add(env(alias, "lms-json-param") + ": the parameter name is empty");
        }
        if (problems.size() > before) {
            return null;
        }
        return new Channel(alias.toUpperCase(Locale.ROOT), settings.key(), token.orElseThrow(), settings);
    }

    private static void nonNegative(Duration duration, String alias, String setting, List<String> problems) {
        if (duration.isNegative()) {
            problems.add(env(alias, setting) + ": must not be negative, was " + duration);
        }
    }

    private static void percent(int value, String alias, String setting, List<String> problems) {
        if (value < 1 || value > 100) {
            problems.add(env(alias, setting) + ": must be between 1 and 100, was " + value);
        }
    }

    private static String env(String alias, String setting) {
        return ConfigNames.env(ConfigNames.channelSetting(alias, setting));
    }
}
