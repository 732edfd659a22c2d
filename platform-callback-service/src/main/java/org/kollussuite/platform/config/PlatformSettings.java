package org.kollussuite.platform.config;

import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.inject.Singleton;
import org.kollussuite.commons.config.ConfigNames;
import org.kollussuite.commons.config.KollusConfig;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The service-account settings platform callbacks need, checked at start: the expected
 * {@code content_provider_key}, the inbound token and the allowed source networks.
 */
@Startup
@Singleton
public class PlatformSettings {

    private final String serviceAccountKey;
    private final List<CidrRange> allowedSources;

    public PlatformSettings(KollusConfig config) {
        List<String> problems = new ArrayList<>();
        if (config.serviceAccountKey().filter(k -> !k.isBlank()).isEmpty()) {
            problems.add(ConfigNames.env(ConfigNames.SERVICE_ACCOUNT_KEY)
                    + " is required: platform callbacks are checked against it");
        }
        if (config.callbackToken().filter(t -> !t.isBlank()).isEmpty()) {
            problems.add(ConfigNames.env(ConfigNames.CALLBACK_TOKEN)
                    + " is required: every platform callback URL carries it");
        }
        List<CidrRange> ranges = new ArrayList<>();
        for (String entry : config.platformAllowedCidrs().orElse(List.of())) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                ranges.add(CidrRange.parse(entry));
            } catch (IllegalArgumentException e) {
                problems.add(ConfigNames.env(ConfigNames.PLATFORM_ALLOWED_CIDRS) + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid platform configuration:\n  - " + String.join("\n  - ", problems));
        }
        this.serviceAccountKey = config.serviceAccountKey().orElseThrow();
        this.allowedSources = List.copyOf(ranges);
    }

    public String serviceAccountKey() {
        return serviceAccountKey;
    }

    /** Whether a callback from {@code address} may be served: always, when no networks are configured. */
    public boolean allowsSource(String address) {
        if (allowedSources.isEmpty()) {
            return true;
        }
        try {
            InetAddress parsed = InetAddress.getByName(address);
            return allowedSources.stream().anyMatch(range -> range.contains(parsed));
        } catch (UnknownHostException | RuntimeException e) {
            return false;
        }
    }
}
