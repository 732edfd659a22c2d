package org.kollussuite.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variables each service reads, taken from docs/configuration.md (the variables in
 * the first column of its tables, per section), the KOLLUS_CHANNELS_&lt;ALIAS&gt;_&lt;SETTING&gt; and
 * NOTIFIER_WEBHOOKS_&lt;NAME&gt;_&lt;SETTING&gt; families with the settings listed there, and the QUARKUS_*
 * names of the Quarkus properties the services set in their own configuration files.
 */
final class KnownVariables {

    /**
     * Quarkus runtime settings the deployment files set on purpose although no properties file of the
     * suite names them, each with the reason it is read.
     */
    static final Map<String, String> DEPLOYMENT_QUARKUS_SETTINGS = Map.of(
            "QUARKUS_SHUTDOWN_TIMEOUT", "quarkus.shutdown.timeout, a runtime setting of Quarkus core (ShutdownConfig): "
                    + "the graceful shutdown that terminationGracePeriodSeconds is sized for");

    private static final Pattern BACKTICKED = Pattern.compile("`([A-Z][A-Z0-9_]*[A-Z0-9])(?:=[^`]*)?`");
    private static final List<String> ALL = SuiteServices.NAMES;
    private static final Map<String, List<String>> SECTION_SERVICES = Map.of(
            "Service account (every service)", ALL,
            "Database and broker", ALL,
            "Platform callbacks", List.of(SuiteServices.PLATFORM),
            "Player callbacks", List.of(SuiteServices.PLAYER),
            "LMS callbacks", List.of(SuiteServices.LMS),
            "Webhooks (notifier)", List.of(SuiteServices.NOTIFIER),
            "Outbox relay", ALL,
            // Read by ops-console only, which is not one of the four services these tests check.
            "Operations console", List.of(),
            "Logs", ALL);

    private final Map<String, Set<String>> byService = new LinkedHashMap<>();
    private final Set<String> channelSettings = new LinkedHashSet<>();
    private final Set<String> webhookSettings = new LinkedHashSet<>();
    private final Pattern channelVariable;
    private final Pattern webhookVariable;

    private KnownVariables(String configurationDoc, String platformDoc) {
        SuiteServices.NAMES.forEach(s -> byService.put(s, new TreeSet<>()));
        Map<String, List<String>> sections = sections(configurationDoc);
        for (Map.Entry<String, List<String>> section : sections.entrySet()) {
            String title = section.getKey();
            if (title.equals("Channels")) {
                firstColumnNames(section.getValue()).forEach(channelSettings::add);
                continue;
            }
            List<String> services = SECTION_SERVICES.get(title);
            if (services == null) {
                throw new AssertionError("docs/configuration.md has a section '" + title
                        + "' that KnownVariables does not assign to services: say which services read its variables");
            }
            List<String> names = new ArrayList<>(firstColumnNames(section.getValue()));
            if (title.equals("Logs")) {
                section.getValue().forEach(line -> names.addAll(backticked(line)));
            }
            if (title.equals("Webhooks (notifier)")) {
                webhookSettings.addAll(webhookSettings(String.join("\n", section.getValue())));
            }
            services.forEach(s -> byService.get(s).addAll(names));
        }
        if (channelSettings.isEmpty() || webhookSettings.isEmpty()) {
            throw new AssertionError("docs/configuration.md lists no channel or webhook settings any more");
        }
        // The trusted-proxy settings the platform's ingress section documents.
        List<String> ingressSection = sections(platformDoc).getOrDefault("Behind an ingress", List.of());
        ingressSection.forEach(line -> backticked(line).stream().filter(n -> n.startsWith("QUARKUS_"))
                .forEach(byService.get(SuiteServices.PLATFORM)::add));
        // QUARKUS_* of the properties the suite's own configuration sets: overriding them is meaningful.
        for (String service : SuiteServices.NAMES) {
            List<Object> keys = new ArrayList<>(SuiteServices.applicationProperties(service).keySet());
            keys.addAll(SuiteServices.commonProperties().keySet());
            keys.stream().map(String::valueOf).filter(k -> k.startsWith("quarkus."))
                    .map(KnownVariables::environmentName).forEach(byService.get(service)::add);
            byService.get(service).addAll(DEPLOYMENT_QUARKUS_SETTINGS.keySet());
        }
        channelVariable = Pattern.compile("KOLLUS_CHANNELS_[A-Z0-9]+_(" + String.join("|", channelSettings) + ")");
        webhookVariable = Pattern.compile("NOTIFIER_WEBHOOKS_[A-Z0-9]+_(" + String.join("|", webhookSettings) + ")");
    }

    static KnownVariables fromDocumentation() {
        return new KnownVariables(Repository.read("docs/configuration.md"), Repository.read("docs/platform-callbacks.md"));
    }

    /** The environment variable of a property name, as SmallRye Config maps them. */
    static String environmentName(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    Set<String> names(String service) {
        return byService.get(service);
    }

    Set<String> channelSettings() {
        return channelSettings;
    }

    Set<String> webhookSettings() {
        return webhookSettings;
    }

    boolean reads(String service, String variable) {
        return names(service).contains(variable) || channelVariable.matcher(variable).matches()
                || (SuiteServices.NOTIFIER.equals(service) && webhookVariable.matcher(variable).matches());
    }

    /** Empty when the service reads the variable, else a sentence that names it. */
    Optional<String> problem(String service, String variable, String source) {
        if (reads(service, variable)) {
            return Optional.empty();
        }
        return Optional.of(variable + " (" + source + ") is not a variable " + service
                + " reads: see docs/configuration.md for the ones it does");
    }

    private static Map<String, List<String>> sections(String markdown) {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : markdown.split("\n")) {
            if (line.startsWith("## ")) {
                current = new ArrayList<>();
                sections.put(line.substring(3).strip(), current);
            } else if (current != null) {
                current.add(line);
            }
        }
        return sections;
    }

    private static List<String> firstColumnNames(List<String> lines) {
        List<String> names = new ArrayList<>();
        for (String line : lines) {
            if (!line.startsWith("|") || line.startsWith("|---")) {
                continue;
            }
            String firstCell = line.substring(1).split("\\|", 2)[0];
            names.addAll(backticked(firstCell));
        }
        return names;
    }

    private static List<String> backticked(String text) {
        List<String> names = new ArrayList<>();
        Matcher matcher = BACKTICKED.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** URL, SECRET, ... from "`NOTIFIER_WEBHOOKS_<NAME>_URL`, `_SECRET`, `_EVENTS`, ...". */
    private static Set<String> webhookSettings(String section) {
        Set<String> settings = new LinkedHashSet<>();
        Matcher line = Pattern.compile("`NOTIFIER_WEBHOOKS_<NAME>_([A-Z_]+)`((?:[^`]|`_[A-Z_]+`)*)").matcher(section);
        if (line.find()) {
            settings.add(line.group(1));
            Matcher more = Pattern.compile("`_([A-Z][A-Z_]*)`").matcher(line.group(2));
            while (more.find()) {
                settings.add(more.group(1));
            }
        }
        return settings;
    }
}
