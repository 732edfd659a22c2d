package org.kollussuite.player.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.kollussuite.commons.api.RejectedRequestException;
import org.kollussuite.commons.callback.CallbackParameters;
import org.kollussuite.commons.config.Channel;
import org.kollussuite.commons.event.EventTypes;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers play callbacks. Kind 1 gets {@code result}, {@code expiration_date}, {@code expiration_playtime}
 * and {@code vmcheck}; kind 3 gets {@code result} and {@code content_expired}; a denial carries the
 * channel's message. Every answer is a {@code {"data":{...}}} payload of JSON integers and texts.
 */
@ApplicationScoped
public class PlayDecisions implements CallbackDecider {

    public static final String CALLBACK = "play";

    private final AccessRules rules;
    private final DecisionEvents events;
    private final DecisionMetrics metrics;
    private final RejectedCallbacks rejected;

    public PlayDecisions(AccessRules rules, DecisionEvents events, DecisionMetrics metrics, RejectedCallbacks rejected) {
        this.rules = rules;
        this.events = events;
        this.metrics = metrics;
        this.rejected = rejected;
    }

    @Override
    public String callback() {
        return CALLBACK;
    }

    /** The payload to sign for one play callback. */
    @Override
    public Map<String, Object> decide(Channel channel, CallbackParameters parameters, String sourceAddress) {
        Instant now = Instant.now();
        PlayRequest request;
        try {
            request = PlayRequest.read(parameters);
        } catch (RejectedRequestException e) {
            return refuse(channel, parameters, sourceAddress, e.error(), e.getMessage());
        }
        Verdict verdict = rules.play(channel, request.clientUserId(), request.mediaContentKey(), now);
        Map<String, Object> data = new LinkedHashMap<>();
        long expirationDate = 0;
        if (request.kind() == PlayRequest.BEFORE_PLAYBACK) {
            if (verdict.allowed()) {
                expirationDate = KollusLimits.expirationDate(now, channel.playExpiration(), verdict.until());
                data.put("result", 1);
                data.put("expiration_date", expirationDate);
                data.put("expiration_playtime", KollusLimits.playPlaytime(channel.playPlaytimeLimit()));
                data.put("vmcheck", KollusLimits.flag(channel.playVmcheck()));
            } else {
                data.put("result", 0);
                data.put("message", channel.playDenyMessage());
            }
        } else {
            data.put("result", KollusLimits.flag(verdict.allowed()));
            data.put("content_expired", KollusLimits.flag(!verdict.allowed()));
            if (!verdict.allowed()) {
                data.put("message", channel.playDenyMessage());
            }
        }
        ObjectNode event = PlayerEvents.data()
                .put("kind", request.kind())
                .put("channelKey", channel.key())
                .put("mediaContentKey", request.mediaContentKey())
                .put("clientUserId", request.clientUserId())
                .put("playerId", request.playerId())
                .put("deviceName", request.deviceName())
                .put("reason", verdict.reason());
        if (expirationDate > 0) {
            event.put("expirationDate", expirationDate);
        } else {
            event.putNull("expirationDate");
        }
        events.publish(PlayerEvents.event(verdict.allowed() ? EventTypes.PLAYBACK_AUTHORIZED : EventTypes.PLAYBACK_DENIED,
                channel.key(), request.mediaContentKey(), request.clientUserId(), event));
        metrics.decided(channel, CALLBACK, request.kind(), verdict.allowed());
        return Map.of("data", data);
    }

    /** A signed denial of a callback that cannot be decided, recorded for operators. */
    @Override
    public Map<String, Object> refuse(Channel channel, CallbackParameters parameters, String sourceAddress,
                                      String error, String message) {
        rejected.record(CALLBACK, channel, error, message, parameters.asMap(), sourceAddress);
        Integer kind = PlayRequest.kindOf(parameters);
        String user = parameters.get("client_user_id").orElse(null);
        String content = parameters.get("media_content_key").orElse(null);
        events.publish(PlayerEvents.event(EventTypes.PLAYBACK_DENIED, channel.key(), content, user, PlayerEvents.data()
                .put("kind", kind)
                .put("channelKey", channel.key())
                .put("mediaContentKey", content)
                .put("clientUserId", user)
                .put("playerId", parameters.get("player_id").orElse(null))
                .put("deviceName", parameters.get("device_name").orElse(null))
                .putNull("expirationDate")
                .put("reason", error)));
        metrics.decided(channel, CALLBACK, kind, false);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("result", 0);
        if (kind != null && kind == PlayRequest.PLAYER_READY) {
            data.put("content_expired", 1);
        }
        data.put("message", channel.playDenyMessage());
        return Map.of("data", data);
    }
}
