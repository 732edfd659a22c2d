package org.kollussuite.commons.config;

import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The configured channels, read once at start: a service whose channel configuration is wrong
 * refuses to start and names every offending environment variable.
 */
@Startup
@Singleton
public class ChannelDirectory {

    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9]+");

    private final Map<String, Channel> byKey = new LinkedHashMap<>();
    private final Map<String, ChannelSettings> settingsByKey = new LinkedHashMap<>();

    public ChannelDirectory(KollusConfig config) {
        List<String> problems = new ArrayList<>();
        config.channels().forEach((alias, settings) -> {
            Channel channel = new Reader(alias, settings, problems).read(config.callbackToken());
            if (channel == null) {
                return;
            }
            Channel other = byKey.putIfAbsent(channel.key(), channel);
            settingsByKey.putIfAbsent(channel.key(), settings);
            if (other != null) {
                problems.add(variable(alias, "key") + ": channel key '" + channel.key() + "' is already used by "
                        + variable(other.alias(), "key"));
            }
        });
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid channel configuration:\n  - " + String.join("\n  - ", problems));
        }
    }

    /** The channel whose Kollus key is {@code key}. */
    public Optional<Channel> byKey(String key) {
        return Optional.ofNullable(key == null ? null : byKey.get(key));
    }

    public Collection<Channel> all() {
        return byKey.values();
    }

    /** The raw settings of a configured channel, for the services that read settings of their own from them. */
    public ChannelSettings settingsOf(Channel channel) {
        return settingsByKey.get(channel.key());
    }

    /** The environment variable of one setting of a channel, e.g. {@code KOLLUS_CHANNELS_DEMO_PLAY_POLICY}. */
    public static String variable(String alias, String setting) {
        return ConfigNames.env(ConfigNames.channelSetting(alias, setting));
    }

    /** Reads one channel's raw settings, adding a sentence per unreadable variable to {@code problems}. */
    private static final class Reader {

        private final String alias;
        private final ChannelSettings raw;
        private final List<String> problems;

        Reader(String alias, ChannelSettings raw, List<String> problems) {
            this.alias = alias;
            this.raw = raw;
            this.problems = problems;
        }

        Channel read(Optional<String> sharedToken) {
            int before = problems.size();
            if (!ALIAS.matcher(alias).matches()) {
                problems.add(variable(alias, "key") + ": the alias '" + alias + "' may contain only letters A-Z and digits");
            }
            String key = raw.key().map(String::strip).orElse("");
            if (key.isEmpty()) {
                problems.add(variable(alias, "key") + " is required: channel " + alias.toUpperCase(Locale.ROOT)
                        + " has settings but no Kollus channel key");
            }
            Optional<String> own = raw.callbackToken().filter(t -> !t.isBlank());
            Optional<String> token = own.or(() -> sharedToken.filter(t -> !t.isBlank()));
            if (token.isEmpty()) {
                problems.add(variable(alias, "callback-token") + ": no inbound token; set it or "
                        + ConfigNames.env(ConfigNames.CALLBACK_TOKEN));
            }
            AccessPolicy playPolicy = choice("play-policy", raw.playPolicy(), AccessPolicy.class);
            Duration playExpiration = duration("play-expiration", raw.playExpiration());
            long playPlaytimeLimit = integer("play-playtime-limit", raw.playPlaytimeLimit(), 0, Integer.MAX_VALUE);
            boolean playVmcheck = bool("play-vmcheck", raw.playVmcheck());
            FailMode playFailMode = choice("play-fail-mode", raw.playFailMode(), FailMode.class);
            AccessPolicy downloadPolicy = choice("download-policy", raw.downloadPolicy(), AccessPolicy.class);
            Duration downloadExpiration = duration("download-expiration", raw.downloadExpiration());
            long downloadPlayCount = integer("download-play-count", raw.downloadPlayCount(), 0, 1000);
            long downloadPlaytime = integer("download-playtime", raw.downloadPlaytime(), 0, 604_800);
            if (downloadPlaytime > 0 && downloadPlaytime < 60) {
                problems.add(variable(alias, "download-playtime") + ": must be 0 (unlimited) or between 60 and 604800 seconds, was "
                        + downloadPlaytime);
            }
            boolean downloadCheckAbuse = bool("download-check-abuse", raw.downloadCheckAbuse());
            RevokedDownloadAction revokedAction = choice("download-revoked-action", raw.downloadRevokedAction(),
                    RevokedDownloadAction.class);
            EpisodeOrder order = choice("next-episode-order", raw.nextEpisodeOrder(), EpisodeOrder.class);
            if (raw.lmsJsonParam().isBlank()) {
                problems.add(variable(alias, "lms-json-param") + ": the parameter name is empty");
            }
            long completion = integer("lms-completion-percent", raw.lmsCompletionPercent(), 1, 100);
            long step = integer("lms-progress-step", raw.lmsProgressStep(), 1, 100);
            CorsOrigins cors = null;
            try {
                cors = CorsOrigins.parse(raw.corsOrigins());
            } catch (IllegalArgumentException e) {
                problems.add(variable(alias, "cors-origins") + ": " + e.getMessage());
            }
            if (problems.size() > before) {
                return null;
            }
            return new Channel(alias.toUpperCase(Locale.ROOT), key, token.orElseThrow(), own.isPresent(),
                    playPolicy, playExpiration, playPlaytimeLimit, playVmcheck, raw.playDenyMessage(), playFailMode,
                    downloadPolicy, downloadExpiration, (int) downloadPlayCount, downloadPlaytime, downloadCheckAbuse,
                    revokedAction,
                    order, raw.lmsJsonParam().strip(), (int) completion, (int) step, cors);
        }

        private <E extends Enum<E>> E choice(String setting, String value, Class<E> type) {
            try {
                return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(variable(alias, setting) + ": '" + value + "' is not one of "
                        + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
                return null;
            }
        }

        private Duration duration(String setting, String value) {
            try {
                Duration duration = Duration.parse(value.strip());
                if (duration.isNegative()) {
                    problems.add(variable(alias, setting) + ": must not be negative, was " + value);
                }
                return duration;
            } catch (DateTimeParseException e) {
                problems.add(variable(alias, setting) + ": '" + value
                        + "' is not an ISO-8601 duration such as PT24H, P7D or PT0S");
                return null;
            }
        }

        private long integer(String setting, String value, long min, long max) {
            try {
                long number = Long.parseLong(value.strip());
                if (number < min || number > max) {
                    problems.add(variable(alias, setting) + ": must be between " + min + " and " + max + ", was " + number);
                }
                return number;
            } catch (NumberFormatException e) {
                problems.add(variable(alias, setting) + ": '" + value + "' is not a whole number");
                return 0;
            }
        }

        private boolean bool(String setting, String value) {
            String normalized = value.strip().toLowerCase(Locale.ROOT);
            if (!normalized.equals("true") && !normalized.equals("false")) {
                problems.add(variable(alias, setting) + ": '" + value + "' is neither true nor false");
            }
            return Boolean.parseBoolean(normalized);
        }
    }
}
