package org.kollussuite.lms.mapping;

import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.inject.Singleton;
import org.kollussuite.commons.config.Channel;
import org.kollussuite.commons.config.ChannelDirectory;
import org.kollussuite.commons.config.ChannelSettings;
import org.kollussuite.commons.config.ParameterNames;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every configured channel's LMS mapping ({@code KOLLUS_CHANNELS_<ALIAS>_LMS_PARAM_*}, {@code _LMS_BLOCK_KEYS},
 * {@code _LMS_PROGRESS_BASIS}), read once at start: a mapping that cannot be read stops the service with
 * the name of every offending variable.
 */
@Startup
@Singleton
public class ChannelMappings {

    public static final String BLOCK_KEYS = "lms-block-keys";
    public static final String PROGRESS_BASIS = "lms-progress-basis";
    static final String DEFAULT_BLOCK_KEYS = "b{i},t{i},p{i}";

    private final Map<String, ChannelMapping> byKey = new HashMap<>();

    public ChannelMappings(ChannelDirectory channels) {
        List<String> problems = new ArrayList<>();
        for (Channel channel : channels.all()) {
            ChannelSettings raw = channels.settingsOf(channel);
            ChannelMapping mapping = read(channel, setting -> raw(raw, setting), problems);
            if (mapping != null) {
                byKey.put(channel.key(), mapping);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid LMS channel configuration:\n  - " + String.join("\n  - ", problems));
        }
    }

    /** The mapping of the channel whose Kollus key is {@code key}. */
    public Optional<ChannelMapping> byKey(String key) {
        return Optional.ofNullable(key == null ? null : byKey.get(key));
    }

    /** The mapping of a configured channel. */
    public ChannelMapping of(Channel channel) {
        return byKey.get(channel.key());
    }

    /**
     * The mapping of {@code channel} from settings given by name ({@code lms-param-playtime}, ...), absent
     * ones at their defaults; throws {@link ConfigurationException} naming each variable it cannot read.
     */
    public static ChannelMapping of(Channel channel, Map<String, String> settings) {
        List<String> problems = new ArrayList<>();
        ChannelMapping mapping = read(channel, setting -> Optional.ofNullable(settings.get(setting)), problems);
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid LMS channel configuration:\n  - " + String.join("\n  - ", problems));
        }
        return mapping;
    }

    /** The raw value of one LMS setting of a channel. */
    private static Optional<String> raw(ChannelSettings settings, String setting) {
        if (setting.equals(BLOCK_KEYS)) {
            return settings.lmsBlockKeys();
        }
        if (setting.equals(PROGRESS_BASIS)) {
            return settings.lmsProgressBasis();
        }
        return Arrays.stream(LmsField.values()).filter(field -> field.setting().equals(setting)).findFirst()
                .flatMap(field -> field.settingOf(settings));
    }

    private static ChannelMapping read(Channel channel, Function<String, Optional<String>> settings,
                                       List<String> problems) {
        int before = problems.size();
        Map<LmsField, List<String>> parameters = new EnumMap<>(LmsField.class);
        for (LmsField field : LmsField.values()) {
            String value = settings.apply(field.setting()).filter(v -> !v.isBlank()).orElse(field.defaultParameters());
            try {
                parameters.put(field, ParameterNames.parse(value));
            } catch (IllegalArgumentException e) {
                problems.add(ChannelDirectory.variable(channel.alias(), field.setting()) + ": " + e.getMessage());
            }
        }
        String blockKeys = settings.apply(BLOCK_KEYS).filter(v -> !v.isBlank()).orElse(DEFAULT_BLOCK_KEYS);
        String[] templates = blockKeys.split(",", -1);
        BlockKey[] keys = new BlockKey[3];
        if (templates.length != 3) {
            problems.add(ChannelDirectory.variable(channel.alias(), BLOCK_KEYS) + ": '" + blockKeys
                    + "' must be three templates separated by commas: watched flag, time, percent (e.g. b{i},t{i},p{i})");
        } else {
            for (int i = 0; i < 3; i++) {
                try {
                    keys[i] = BlockKey.parse(templates[i]);
                } catch (IllegalArgumentException e) {
                    problems.add(ChannelDirectory.variable(channel.alias(), BLOCK_KEYS) + ": " + e.getMessage());
                }
            }
        }
        String basisText = settings.apply(PROGRESS_BASIS).filter(v -> !v.isBlank()).orElse(ProgressBasis.AUTO.name());
        ProgressBasis basis = null;
        try {
            basis = ProgressBasis.valueOf(basisText.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(ChannelDirectory.variable(channel.alias(), PROGRESS_BASIS) + ": '" + basisText + "' is not one of "
                    + Arrays.stream(ProgressBasis.values()).map(Enum::name).collect(Collectors.joining(", ")));
        }
        if (problems.size() > before) {
            return null;
        }
        return new ChannelMapping(channel, channel.lmsJsonParam(), parameters, keys[0], keys[1], keys[2], basis,
                channel.lmsCompletionPercent(), channel.lmsProgressStep());
    }
}
