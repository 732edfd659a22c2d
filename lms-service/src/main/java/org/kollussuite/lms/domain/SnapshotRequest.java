package org.kollussuite.lms.domain;

import org.kollussuite.commons.api.RejectedRequestException;
import org.kollussuite.commons.callback.CallbackParameters;
import org.kollussuite.lms.domain.UnreadableSnapshotException.Reason;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An authenticated LMS request as received, the inbound token already removed: what is read into a
 * snapshot, and what is kept when it cannot be.
 *
 * @param query     the query parameters
 * @param body      the body, at most the service's body limit of it
 * @param truncated whether the body was longer than what {@code body} holds
 */
public record SnapshotRequest(String channelKey, Map<String, List<String>> query, String contentType, byte[] body,
                              boolean truncated, String sourceAddress, Instant receivedAt) {

    /**
     * The parameters of the query and the body, the body winning. A form or a JSON body; a
     * {@code text/plain} one, as {@code navigator.sendBeacon} sends, is read as whichever it holds.
     */
    public CallbackParameters parameters() {
        if (truncated) {
            throw new UnreadableSnapshotException(Reason.BODY_TOO_LARGE,
                    "the body is longer than the " + body.length + " bytes kept of it");
        }
        try {
            return CallbackParameters.ofBody(query, effectiveContentType(), body, Long.MAX_VALUE);
        } catch (RejectedRequestException e) {
            throw new UnreadableSnapshotException(reasonOf(e.error()), e.getMessage());
        }
    }

    private String effectiveContentType() {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("text/plain")) {
            return contentType;
        }
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return b == '{' ? "application/json" : "application/x-www-form-urlencoded";
            }
        }
        return "application/x-www-form-urlencoded";
    }

    private static Reason reasonOf(String error) {
        return switch (error) {
            case "malformed_form" -> Reason.MALFORMED_FORM;
            case "malformed_json" -> Reason.MALFORMED_JSON;
            case "unsupported_media_type" -> Reason.UNSUPPORTED_MEDIA_TYPE;
            case "payload_too_large" -> Reason.BODY_TOO_LARGE;
            case "missing_parameter" -> Reason.MISSING_PARAMETER;
            default -> Reason.INVALID_PARAMETER;
        };
    }
}
