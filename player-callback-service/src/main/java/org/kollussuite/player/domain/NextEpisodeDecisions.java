package org.kollussuite.player.domain;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.kollussuite.commons.callback.CallbackParameters;
import org.kollussuite.commons.config.Channel;
import org.kollussuite.commons.text.InputLimits;
import org.kollussuite.player.config.NextEpisodeNames;
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
    /** Why an answer has no next episode, in {@code kollus_player_next_episode_none_total{reason}}. */
    public static final String LAST_EPISODE = "last_episode";
    public static final String UNKNOWN_CONTENT = "unknown_content";
    public static final String NOT_ENTITLED = "not_entitled";
    public static final String LOOKUP_FAILED = "lookup_failed";
    public static final String REFUSED = "refused";

    private static final Logger LOG = Logger.getLogger(NextEpisodeDecisions.class);

    private final ChannelEpisodes episodes;
    private final NextEpisodeNames names;
    private final AccessRules rules;
    private final PlayerSettings settings;
    private final PlayerConfig config;
    private final DecisionMetrics metrics;
    private final RejectedCallbacks rejected;

    public NextEpisodeDecisions(ChannelEpisodes episodes, NextEpisodeNames names, AccessRules rules, PlayerSettings settings, PlayerConfig config,
                                DecisionMetrics metrics, RejectedCallbacks rejected) {
        this.episodes = episodes;
        this.names = names;
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
        NextEpisodeNames.Names names = this.names.of(channel);
        Optional<String> current = parameters.firstOf(names.mediaContentKey());
        Optional<String> user = parameters.firstOf(names.clientUserId());
        if (current.isEmpty() || user.isEmpty()) {
            List<String> missing = current.isEmpty() ? names.mediaContentKey() : names.clientUserId();
            return refuse(channel, parameters, sourceAddress, "missing_parameter",
                    "no " + String.join(" or ", missing) + " parameter (the channel's " + (current.isEmpty()
                            ? NextEpisodeNames.MCK : NextEpisodeNames.USER) + ")");
        }
        if (current.get().length() > InputLimits.KEY || user.get().length() > InputLimits.KEY) {
            return refuse(channel, parameters, sourceAddress, "invalid_parameter", "the current content key and the "
                    + "user id are at most " + InputLimits.KEY + " characters long");
        }
        Instant now = Instant.now();
        ChannelEpisodes.Next next;
        try {
            next = episodes.after(channel.key(), current.get());
        } catch (LookupFailedException e) {
            LOG.warnf("Channel %s: %s", channel.alias(), e.getMessage());
            return none(channel, LOOKUP_FAILED);
        }
        if (!next.known()) {
            rejected.record(CALLBACK, channel, UNKNOWN_CONTENT, "media content key '" + current.get()
                    + "' is not among the channel's contents", parameters.asMap(), sourceAddress);
            return none(channel, UNKNOWN_CONTENT);
        }
        if (next.episode() == null) {
            return none(channel, LAST_EPISODE);
        }
        Episode episode = next.episode();
        Verdict verdict = rules.play(channel, user.get(), episode.mediaContentKey(), now);
        if (!verdict.allowed()) {
            metrics.noNextEpisode(channel, NOT_ENTITLED);
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
        player.put("next_episode", next.hasFollower());
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

    /** A signed {@code result: 0} for a callback that cannot be decided, recorded for operators with its reason. */
    @Override
    public Map<String, Object> refuse(Channel channel, CallbackParameters parameters, String sourceAddress,
                                      String error, String message) {
        rejected.record(CALLBACK, channel, error, message, parameters.asMap(), sourceAddress);
        metrics.noNextEpisode(channel, REFUSED);
        return denial(channel, channel.playDenyMessage());
    }

    private Map<String, Object> none(Channel channel, String reason) {
        metrics.noNextEpisode(channel, reason);
        return denial(channel, NO_NEXT_EPISODE);
    }

    private Map<String, Object> denial(Channel channel, String message) {
        metrics.decided(channel, CALLBACK, null, false);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("result", 0);
        data.put("message", message);
        return Map.of("data", data);
    }
}
