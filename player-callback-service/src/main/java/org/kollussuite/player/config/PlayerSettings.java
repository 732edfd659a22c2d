package org.kollussuite.player.config;

import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.inject.Singleton;
import org.kollussuite.commons.config.ConfigNames;
import org.kollussuite.commons.config.KollusConfig;
import org.kollussuite.commons.jwt.KollusJwt;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys and limits player callbacks need, checked at start: without a security key no answer can
 * be signed, without the custom key the player rejects every answer.
 */
@Startup
@Singleton
public class PlayerSettings {

    private final KollusJwt jwt;
    private final String customKey;
    private final String playerUrl;

    public PlayerSettings(KollusConfig kollus, PlayerConfig config) {
        List<String> problems = new ArrayList<>();
        if (kollus.securityKey().filter(k -> !k.isBlank()).isEmpty()) {
            problems.add(ConfigNames.env(ConfigNames.SECURITY_KEY) + " is required: every player callback answer is signed with it");
        }
        if (kollus.customKey().filter(k -> !k.isBlank()).isEmpty()) {
            problems.add(ConfigNames.env(ConfigNames.CUSTOM_KEY) + " is required: it is the X-Kollus-UserKey of every answer");
        }
        try {
            URI uri = new URI(kollus.playerUrl());
            if (uri.getScheme() == null || uri.getHost() == null) {
                problems.add(ConfigNames.env(ConfigNames.PLAYER_URL) + ": '" + kollus.playerUrl() + "' is not an absolute URL");
            }
        } catch (URISyntaxException e) {
            problems.add(ConfigNames.env(ConfigNames.PLAYER_URL) + ": '" + kollus.playerUrl() + "' is not a URL");
        }
        positive(problems, "player.cache.max-staleness", config.cache().maxStaleness());
        positive(problems, "player.lookup-timeout", config.lookupTimeout());
        positive(problems, "player.next-episode-url-validity", config.nextEpisodeUrlValidity());
        if (config.cache().maximumWeight().asLongValue() < 1) {
            problems.add(ConfigNames.env("player.cache.maximum-weight") + ": must be at least 1 byte");
        }
        if (config.cache().loaderQueue() < 1) {
            problems.add(ConfigNames.env("player.cache.loader-queue") + ": must be at least 1");
        }
        if (config.decisionEventBuffer() < 1) {
            problems.add(ConfigNames.env("player.decision-event-buffer") + ": must be at least 1");
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid player configuration:\n  - " + String.join("\n  - ", problems));
        }
        this.jwt = new KollusJwt(kollus.securityKey().orElseThrow());
        this.customKey = kollus.customKey().orElseThrow();
        this.playerUrl = kollus.playerUrl();
    }

    private static void positive(List<String> problems, String property, Duration value) {
        if (value.isZero() || value.isNegative()) {
            problems.add(ConfigNames.env(property) + ": must be a positive duration, was " + value);
        }
    }

    /** Signs with {@code KOLLUS_SECURITY_KEY}. */
    public KollusJwt jwt() {
        return jwt;
    }

    /** The {@code X-Kollus-UserKey} header value and the {@code custom_key} of player URLs. */
    public String customKey() {
        return customKey;
    }

    /** {@code KOLLUS_PLAYER_URL}. */
    public String playerUrl() {
        return playerUrl;
    }
}
