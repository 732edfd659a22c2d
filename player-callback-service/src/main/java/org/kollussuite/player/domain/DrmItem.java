package org.kollussuite.player.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.kollussuite.commons.api.RejectedRequestException;
import org.kollussuite.commons.callback.CallbackParameters;
import org.kollussuite.commons.text.InputLimits;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One item of a DRM download callback: the v2 {@code items} array holds several, the legacy flat form
 * one. Numbers may arrive as JSON numbers or as strings; both are read.
 *
 * @param received the item as the player sent it, every field with Kollus' names, for the decision event; or null
 * @param problem  why the item cannot be decided (error code and message), or null
 */
public record DrmItem(Integer kind, String clientUserId, String mediaContentKey, String playerId, String hardwareId,
                      String deviceName, String sessionKey, Long startAt, boolean expiredOnDevice, JsonNode received,
                      RejectedRequestException problem) {

    public static final int DOWNLOAD = 1;
    public static final int DOWNLOAD_COMPLETE = 2;
    public static final int OFFLINE_PLAY = 3;

    /**
     * The items of a callback: the {@code items} JSON array when present, otherwise the flat legacy
     * parameters as one item. A malformed {@code items} refuses the whole callback.
     */
    public static List<DrmItem> readAll(CallbackParameters parameters) {
        if (parameters.get("items").filter(items -> !items.isBlank()).isEmpty()) {
            ObjectNode flat = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, String> parameter : parameters.asMap().entrySet()) {
                flat.put(parameter.getKey(), parameter.getValue());
            }
            return List.of(read(flat));
        }
        JsonNode items = parameters.json("items").orElseThrow();
        if (items.isObject()) {
            return List.of(read(items));
        }
        if (items.isEmpty()) {
            throw RejectedRequestException.badRequest("malformed_items", "items is an empty array");
        }
        List<DrmItem> read = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            read.add(read(item));
        }
        return read;
    }

    static DrmItem read(JsonNode item) {
        if (!item.isObject()) {
            return invalid(null, null, item, "malformed_items", "each item must be a JSON object");
        }
        Integer kind = null;
        String content;
        try {
            content = text(item, "media_content_key");
        } catch (RejectedRequestException e) {
            return invalid(null, null, item, e.error(), e.getMessage());
        }
        try {
            Long rawKind = CallbackParameters.integer(item.get("kind"), "kind");
            if (rawKind == null) {
                return invalid(null, content, item, "missing_parameter", "kind is required");
            }
            if (rawKind < DOWNLOAD || rawKind > OFFLINE_PLAY) {
                return invalid(null, content, item, "unknown_kind", "kind " + rawKind + " is not a DRM callback kind (1, 2 or 3)");
            }
            kind = rawKind.intValue();
            String user = text(item, "client_user_id");
            if (user == null || user.isBlank()) {
                return invalid(kind, content, item, "missing_parameter", "client_user_id is required");
            }
            if (content == null || content.isBlank()) {
                return invalid(kind, content, item, "missing_parameter", "media_content_key is required");
            }
            JsonNode uservalues = item.get("uservalues");
            if (uservalues != null && uservalues.isTextual() && !uservalues.textValue().isBlank()) {
                CallbackParameters.of(Map.of("uservalues", uservalues.textValue())).json("uservalues")
                        .filter(values -> !values.isObject()).ifPresent(values -> {
                            throw RejectedRequestException.badRequest("malformed_json", "uservalues must be a JSON object");
                        });
            } else if (uservalues != null && !uservalues.isNull() && !uservalues.isObject() && !uservalues.isTextual()) {
                return invalid(kind, content, item, "malformed_json", "uservalues must be a JSON object");
            }
            Long startAt = CallbackParameters.integer(item.get("start_at"), "start_at");
            Long expired = CallbackParameters.integer(item.get("content_expired"), "content_expired");
            return new DrmItem(kind, user, content, text(item, "player_id"), text(item, "hardware_id"),
                    text(item, "device_name"), text(item, "session_key"), startAt,
                    expired != null && expired == 1, item, null);
        } catch (RejectedRequestException e) {
            return invalid(kind, content, item, e.error(), e.getMessage());
        }
    }

    private static DrmItem invalid(Integer kind, String content, JsonNode item, String error, String message) {
        return new DrmItem(kind, null, content, null, null, null, null, null, false, item,
                RejectedRequestException.badRequest(error, message));
    }

    /**
     * A text field of the item; a control character or a length over the field's limit refuses the item, since
     * nothing holding one can be looked up, cached or stored.
     */
    private static String text(JsonNode item, String name) {
        JsonNode node = item.get(name);
        String text = node == null || node.isNull() ? null : node.isTextual() ? node.textValue() : node.toString();
        CallbackParameters.requireStorable(name, text);
        return InputLimits.require(name, text);
    }

    public boolean valid() {
        return problem == null;
    }
}
