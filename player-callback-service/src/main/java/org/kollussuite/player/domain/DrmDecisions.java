package org.kollussuite.player.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.kollussuite.commons.api.RejectedRequestException;
import org.kollussuite.commons.callback.CallbackParameters;
import org.kollussuite.commons.config.Channel;
import org.kollussuite.commons.config.RevokedDownloadAction;
import org.kollussuite.commons.event.EventTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers DRM download callbacks: one result per item, in order, each echoing {@code kind} and
 * {@code media_content_key} (and {@code session_key}, {@code start_at} for kind 3). Kind 1 approves a
 * download with the channel's limits, kind 2 acknowledges a completed one, kind 3 re-checks offline
 * playback and expires (or deletes) copies whose entitlement ended or was revoked.
 */
@ApplicationScoped
public class DrmDecisions implements CallbackDecider {

    public static final String CALLBACK = "drm";

    private final AccessRules rules;
    private final DecisionEvents events;
    private final DecisionMetrics metrics;
    private final RejectedCallbacks rejected;

    public DrmDecisions(AccessRules rules, DecisionEvents events, DecisionMetrics metrics, RejectedCallbacks rejected) {
        this.rules = rules;
        this.events = events;
        this.metrics = metrics;
        this.rejected = rejected;
    }

    @Override
    public String callback() {
        return CALLBACK;
    }

    /** The payload to sign for one DRM callback. */
    @Override
    public Map<String, Object> decide(Channel channel, CallbackParameters parameters, String sourceAddress) {
        Instant now = Instant.now();
        List<DrmItem> items;
        try {
            items = DrmItem.readAll(parameters);
        } catch (RejectedRequestException e) {
            return refuse(channel, parameters, sourceAddress, e.error(), e.getMessage());
        }
        List<Map<String, Object>> answers = new ArrayList<>(items.size());
        List<String> problems = new ArrayList<>();
        for (int index = 0; index < items.size(); index++) {
            DrmItem item = items.get(index);
            if (item.valid()) {
                answers.add(decide(channel, item, now));
            } else {
                problems.add("item " + index + ": " + item.problem().getMessage());
                answers.add(refuse(channel, item, item.problem().error()));
            }
        }
        if (!problems.isEmpty()) {
            String error = items.stream().filter(i -> !i.valid()).findFirst().orElseThrow().problem().error();
            rejected.record(CALLBACK, channel, error, String.join("; ", problems), parameters.asMap(), sourceAddress);
        }
        return Map.of("data", answers);
    }

    /** A signed denial of a callback whose items cannot be read at all, recorded for operators. */
    @Override
    public Map<String, Object> refuse(Channel channel, CallbackParameters parameters, String sourceAddress,
                                      String error, String message) {
        rejected.record(CALLBACK, channel, error, message, parameters.asMap(), sourceAddress);
        DrmItem unreadable = new DrmItem(null, parameters.get("client_user_id").orElse(null),
                parameters.get("media_content_key").orElse(null), null, null, null, null, null, false, null, null);
        return Map.of("data", List.of(refuse(channel, unreadable, error)));
    }

    private Map<String, Object> decide(Channel channel, DrmItem item, Instant now) {
        Verdict verdict = rules.download(channel, item.clientUserId(), item.mediaContentKey(), now);
        Map<String, Object> answer = echo(item);
        long expirationDate = 0;
        boolean expire = false;
        boolean delete = false;
        String type;
        switch (item.kind()) {
            case DrmItem.DOWNLOAD -> {
                answer.put("result", KollusLimits.flag(verdict.allowed()));
                if (verdict.allowed()) {
                    expirationDate = KollusLimits.expirationDate(now, channel.downloadExpiration(), verdict.until());
                    answer.put("expiration_date", expirationDate);
                    answer.put("expiration_count", KollusLimits.expirationCount(channel.downloadPlayCount()));
                    answer.put("expiration_playtime", KollusLimits.downloadPlaytime(channel.downloadPlaytime()));
                    answer.put("check_abuse", KollusLimits.flag(channel.downloadCheckAbuse()));
                } else {
                    answer.put("message", channel.playDenyMessage());
                }
                type = verdict.allowed() ? EventTypes.DOWNLOAD_AUTHORIZED : EventTypes.DOWNLOAD_DENIED;
            }
            case DrmItem.DOWNLOAD_COMPLETE -> {
                delete = deletes(channel, verdict);
                answer.put("result", 1);
                answer.put("content_delete", KollusLimits.flag(delete));
                if (delete) {
                    answer.put("message", channel.playDenyMessage());
                }
                type = EventTypes.DOWNLOAD_COMPLETED;
            }
            default -> {
                expire = !verdict.allowed();
                delete = deletes(channel, verdict);
                answer.put("result", KollusLimits.flag(verdict.allowed()));
                echoSession(item, answer);
                answer.put("content_expired", KollusLimits.flag(expire));
                answer.put("content_delete", KollusLimits.flag(delete));
                if (verdict.allowed()) {
                    // Rights renewed after the copy expired on the device: give them back.
                    answer.put("content_expire_reset", KollusLimits.flag(item.expiredOnDevice()));
                    expirationDate = KollusLimits.expirationDate(now, channel.downloadExpiration(), verdict.until());
                    answer.put("expiration_date", expirationDate);
                    answer.put("check_abuse", KollusLimits.flag(channel.downloadCheckAbuse()));
                } else {
                    answer.put("content_expire_reset", 0);
                    answer.put("message", channel.playDenyMessage());
                }
                type = EventTypes.DOWNLOAD_OFFLINE_CHECKED;
            }
        }
        ObjectNode data = eventData(channel, item, verdict.allowed(), verdict.reason())
                .put("contentExpired", expire)
                .put("contentDelete", delete);
        if (expirationDate > 0) {
            data.put("expirationDate", expirationDate);
        } else {
            data.putNull("expirationDate");
        }
        events.publish(PlayerEvents.event(type, channel.key(), item.mediaContentKey(), item.clientUserId(), data));
        metrics.decided(channel, CALLBACK, item.kind(), verdict.allowed());
        return answer;
    }

    /** The viewer reads the channel's message; the technical reason goes to the event and the rejected record. */
    private Map<String, Object> refuse(Channel channel, DrmItem item, String error) {
        Map<String, Object> answer = echo(item);
        answer.put("result", 0);
        if (item.kind() != null && item.kind() == DrmItem.OFFLINE_PLAY) {
            echoSession(item, answer);
            answer.put("content_expired", 1);
        }
        answer.put("message", channel.playDenyMessage());
        events.publish(PlayerEvents.event(EventTypes.DOWNLOAD_DENIED, channel.key(), item.mediaContentKey(),
                item.clientUserId(), eventData(channel, item, false, error).putNull("expirationDate")));
        metrics.decided(channel, CALLBACK, item.kind(), false);
        return answer;
    }

    private static boolean deletes(Channel channel, Verdict verdict) {
        return verdict.revoked() && channel.downloadRevokedAction() == RevokedDownloadAction.DELETE;
    }

    private static Map<String, Object> echo(DrmItem item) {
        Map<String, Object> answer = new LinkedHashMap<>();
        if (item.kind() != null) {
            answer.put("kind", item.kind());
        }
        if (item.mediaContentKey() != null) {
            answer.put("media_content_key", item.mediaContentKey());
        }
        return answer;
    }

    /** Kind 3 answers echo the session they belong to, right after {@code result}. */
    private static void echoSession(DrmItem item, Map<String, Object> answer) {
        if (item.sessionKey() != null) {
            answer.put("session_key", item.sessionKey());
        }
        if (item.startAt() != null) {
            answer.put("start_at", item.startAt());
        }
    }

    private static ObjectNode eventData(Channel channel, DrmItem item, boolean allowed, String reason) {
        ObjectNode data = PlayerEvents.data()
                .put("kind", item.kind())
                .put("channelKey", channel.key())
                .put("mediaContentKey", item.mediaContentKey())
                .put("clientUserId", item.clientUserId())
                .put("playerId", item.playerId())
                .put("deviceName", item.deviceName())
                .put("hardwareId", item.hardwareId())
                .put("sessionKey", item.sessionKey())
                .put("allowed", allowed)
                .put("reason", reason);
        if (item.startAt() != null) {
            data.put("startAt", item.startAt());
        }
        if (item.received() != null) {
            data.set("request", item.received());
        }
        return data;
    }
}
