package org.kollussuite.notifier.config;

import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.inject.Singleton;
import org.kollussuite.commons.config.Channel;
import org.kollussuite.commons.config.ChannelDirectory;
import org.kollussuite.commons.config.ConfigNames;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The configured webhook endpoints, read once at start: a service given an invalid endpoint refuses
 * to start and names every offending variable.
 */
@Startup
@Singleton
public class WebhookDirectory {

    static final String SECRET_PREFIX = "whsec_";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]+");
    private static final Pattern EVENT_PATTERN = Pattern.compile("\\*|[a-z0-9-]+(\\.[a-z0-9-]+)*(\\.\\*)?");

    private final Map<String, Webhook> byName = new LinkedHashMap<>();

    public WebhookDirectory(NotifierConfig config, ChannelDirectory channels) {
        List<String> problems = new ArrayList<>();
        config.webhooks().forEach((name, settings) -> {
            Webhook webhook = new Reader(name, settings, channels, problems).read();
            if (webhook != null) {
                byName.put(webhook.name(), webhook);
            }
        });
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid webhook configuration:\n  - " + String.join("\n  - ", problems));
        }
    }

    public Collection<Webhook> all() {
        return byName.values();
    }

    public Optional<Webhook> byName(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name.toUpperCase(Locale.ROOT)));
    }

    /** The environment variable of one setting of an endpoint, e.g. {@code NOTIFIER_WEBHOOKS_CMS_URL}. */
    public static String variable(String name, String setting) {
        return ConfigNames.env("notifier.webhooks." + name + "." + setting);
    }

    /** Reads one endpoint's raw settings, adding a sentence per unreadable variable to {@code problems}. */
    private static final class Reader {

        private final String name;
        private final WebhookSettings raw;
        private final ChannelDirectory channels;
        private final List<String> problems;

        Reader(String name, WebhookSettings raw, ChannelDirectory channels, List<String> problems) {
            this.name = name;
            this.raw = raw;
            this.channels = channels;
            this.problems = problems;
        }

        Webhook read() {
            int before = problems.size();
            if (!NAME.matcher(name).matches()) {
                problems.add(variable(name, "url") + ": the name '" + name + "' may contain only letters A-Z and digits");
            }
            URI url = url();
            byte[] key = secret();
            List<String> patterns = new ArrayList<>();
            for (String pattern : raw.events().split(",")) {
                String trimmed = pattern.strip();
                if (!EVENT_PATTERN.matcher(trimmed).matches()) {
                    problems.add(variable(name, "events") + ": '" + trimmed
                            + "' is not an event type or pattern such as kollus.lms.* or *");
                }
                patterns.add(trimmed);
            }
            Set<String> channelKeys = new LinkedHashSet<>();
            raw.channels().filter(c -> !c.isBlank()).ifPresent(list -> Arrays.stream(list.split(","))
                    .map(String::strip).filter(c -> !c.isEmpty()).forEach(entry -> {
                        Optional<Channel> channel = channels.all().stream()
                                .filter(c -> c.alias().equalsIgnoreCase(entry) || c.key().equals(entry)).findFirst();
                        if (channel.isEmpty()) {
                            problems.add(variable(name, "channels") + ": '" + entry
                                    + "' is neither the alias nor the key of a configured channel");
                        } else {
                            channelKeys.add(channel.get().key());
                        }
                    }));
            List<Duration> schedule = new ArrayList<>();
            for (String delay : raw.retrySchedule().split(",")) {
                Duration parsed = duration("retry-schedule", delay);
                if (parsed != null) {
                    schedule.add(parsed);
                }
            }
            Duration timeout = duration("timeout", raw.timeout());
            int maxInFlight = 0;
            try {
                maxInFlight = Integer.parseInt(raw.maxInFlight().strip());
                if (maxInFlight < 1 || maxInFlight > 1000) {
                    problems.add(variable(name, "max-in-flight") + ": must be between 1 and 1000, was " + maxInFlight);
                }
            } catch (NumberFormatException e) {
                problems.add(variable(name, "max-in-flight") + ": '" + raw.maxInFlight() + "' is not a whole number");
            }
            if (problems.size() > before) {
                return null;
            }
            return new Webhook(name.toUpperCase(Locale.ROOT), url, key, List.copyOf(patterns), Set.copyOf(channelKeys),
                    List.copyOf(schedule), timeout, maxInFlight);
        }

        private URI url() {
            String value = raw.url().map(String::strip).orElse("");
            if (value.isEmpty()) {
                problems.add(variable(name, "url") + " is required");
                return null;
            }
            try {
                URI uri = new URI(value);
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    problems.add(variable(name, "url") + ": '" + Webhook.shown(value) + "' is not an absolute http(s) URL");
                }
                return uri;
            } catch (URISyntaxException e) {
                problems.add(variable(name, "url") + ": '" + Webhook.shown(value) + "' is not a URL");
                return null;
            }
        }

        private byte[] secret() {
            String value = raw.secret().map(String::strip).orElse("");
            if (!value.startsWith(SECRET_PREFIX)) {
                problems.add(variable(name, "secret") + (value.isEmpty() ? " is required" : " must start with "
                        + SECRET_PREFIX) + " (a Standard Webhooks secret: whsec_ and base64 of 24 to 64 random bytes)");
                return null;
            }
            try {
                byte[] key = Base64.getDecoder().decode(value.substring(SECRET_PREFIX.length()));
                if (key.length < 24 || key.length > 64) {
                    problems.add(variable(name, "secret") + ": the key must be 24 to 64 bytes, was " + key.length);
                }
                return key;
            } catch (IllegalArgumentException e) {
                problems.add(variable(name, "secret") + ": the part after " + SECRET_PREFIX + " is not base64");
                return null;
            }
        }

        private Duration duration(String setting, String value) {
            try {
                Duration duration = Duration.parse(value.strip());
                if (duration.isNegative() || duration.isZero()) {
                    problems.add(variable(name, setting) + ": '" + value.strip() + "' must be positive");
                }
                return duration;
            } catch (DateTimeParseException e) {
                problems.add(variable(name, setting) + ": '" + value.strip() + "' is not an ISO-8601 duration such as PT5S");
                return null;
            }
        }
    }
}
