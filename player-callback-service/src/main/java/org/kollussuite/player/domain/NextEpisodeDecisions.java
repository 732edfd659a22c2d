package org.kollussuite.player.domain;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.kollussuite.commons.callback.CallbackParameters;
import org.kollussuite.commons.config.Channel;
import org.kollussuite.player.config.PlayerConfig;
import org.kollussuite.player.config.PlayerSettings;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers next-episode callbacks from the channel's episodes: {@code result: 1} with the next
 * content's key, title and a ready player URL (whose own JWT carries {@code cuid}, {@code expt},
 * {@code mc} and {@code next_episode}), or {@code result: 0} when there is none or the user may not
 * play it.
 */
@ApplicationScoped
public class NextEpisodeDecisions implements CallbackDecider {

    public static final String CALLBACK = "next-episode";
    static final String NO_NEXT_EPISODE = "There is no next episode.";

    private static final Logger LOG = Logger.getLogger(NextEpisodeDecisions.class);

    private final ChannelEpisodes episodes;
    private final AccessRules rules;
    private final PlayerSettings settings;
    private final PlayerConfig config;
    private final DecisionMetrics metrics;
    private final RejectedCallbacks rejected;

    public NextEpisodeDecisions(ChannelEpisodes episodes, AccessRules rules, PlayerSettings settings, PlayerConfig config,
                                DecisionMetrics metrics, RejectedCallbacks rejected) {
        this.episodes = episodes;
        this.rules = rules;
        this.settings = settings;
        this.config = config;
        this.metrics = metrics;
        this.rejected = rejected;
    }

    @Override
    public String callback() {
        return CALLBACK;
    }

    /** The payload to sign for one next-episode callback. */
    @Override
    public Map<String, Object> decide(Channel channel, CallbackParameters parameters, String sourceAddress) {
        Optional<String> current = parameters.firstOf("mck", "media_content_key");
        Optional<String> user = parameters.firstOf("client_user_id", "cuid");
        if (current.isEmpty() || user.isEmpty()) {
            String message = (current.isEmpty() ? "mck (or media_content_key)" : "client_user_id (or cuid)") + " is required";
            return refuse(channel, parameters, sourceAddress, "missing_parameter", message);
        }
        Instant now = Instant.now();
        Optional<ChannelEpisodes.Next> next;
        try {
            next = episodes.after(channel.key(), current.get());
        } catch (LookupFailedException e) {
            LOG.warnf("Channel %s: %s", channel.alias(), e.getMessage());
            return denial(channel, NO_NEXT_EPISODE);
        }
        if (next.isEmpty()) {
            return denial(channel, NO_NEXT_EPISODE);
        }
        Episode episode = next.get().episode();
        Verdict verdict = rules.play(channel, user.get(), episode.mediaContentKey(), now);
        if (!verdict.allowed()) {
            return denial(channel, channel.playDenyMessage());
        }
        Instant expires = now.plus(config.nextEpisodeUrlValidity());
        if (verdict.until() != null && verdict.until().isBefore(expires)) {
            expires = verdict.until();
        }
        Map<String, Object> player = new LinkedHashMap<>();
        player.put("cuid", user.get());
        player.put("expt", Math.min(expires.getEpochSecond(), KollusLimits.MAX_EXPIRATION_DATE));
        player.put("mc", List.of(Map.of("mckey", episode.mediaContentKey())));
        player.put("next_episode", next.get().hasFollower());
        String url = settings.playerUrl() + "?jwt=" + settings.jwt().sign(player)
                + "&custom_key=" + URLEncoder.encode(settings.customKey(), StandardCharsets.UTF_8);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("result", 1);
        data.put("media_content_key", episode.mediaContentKey());
        data.put("title", episode.title());
        data.put("url", url);
        metrics.decided(channel, CALLBACK, null, true);
        return Map.of("data", data);
    }

    /** A signed {@code result: 0} for a callback that cannot be decided, recorded for operators. */
    @Override
    public Map<String, Object> refuse(Channel channel, CallbackParameters parameters, String sourceAddress,
                                      String error, String message) {
        rejected.record(CALLBACK, channel, error, message, parameters.asMap(), sourceAddress);
        return denial(channel, message);
    }

    private Map<String, Object> denial(Channel channel, String message) {
        metrics.decided(channel, CALLBACK, null, false);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("result", 0);
        data.put("message", message);
        return Map.of("data", data);
    }
}
