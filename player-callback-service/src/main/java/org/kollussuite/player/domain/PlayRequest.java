package org.kollussuite.player.domain;

import org.kollussuite.commons.api.RejectedRequestException;
import org.kollussuite.commons.callback.CallbackParameters;

/** A play callback (kind 1 before playback, kind 3 once the player is ready), read and checked. */
public record PlayRequest(int kind, String clientUserId, String mediaContentKey, String playerId, String hardwareId,
                          String deviceName) {

    public static final int BEFORE_PLAYBACK = 1;
    public static final int PLAYER_READY = 3;

    /** The request, or a refusal naming what is missing or malformed. */
    public static PlayRequest read(CallbackParameters parameters) {
        long kind = parameters.integer("kind")
                .orElseThrow(() -> RejectedRequestException.badRequest("missing_parameter", "kind is required"));
        if (kind != BEFORE_PLAYBACK && kind != PLAYER_READY) {
            throw RejectedRequestException.badRequest("unknown_kind", "kind " + kind + " is not a play callback kind (1 or 3)");
        }
        String user = parameters.require("client_user_id");
        String content = parameters.require("media_content_key");
        parameters.json("uservalues").filter(values -> !values.isObject()).ifPresent(values -> {
            throw RejectedRequestException.badRequest("malformed_json", "uservalues must be a JSON object");
        });
        return new PlayRequest((int) kind, user, content, parameters.get("player_id").orElse(null),
                parameters.get("hardware_id").orElse(null), parameters.get("device_name").orElse(null));
    }

    /** The kind as sent, when it is an integer; null otherwise. */
    public static Integer kindOf(CallbackParameters parameters) {
        try {
            return parameters.integer("kind").filter(kind -> kind >= Integer.MIN_VALUE && kind <= Integer.MAX_VALUE)
                    .map(Long::intValue).orElse(null);
        } catch (RejectedRequestException e) {
            return null;
        }
    }
}
