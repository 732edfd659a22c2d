package org.kollussuite.player.callback;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import org.kollussuite.commons.api.RejectedRequestException;
import org.kollussuite.commons.callback.CallbackParameters;

import java.util.Locale;

/**
 * Reads a player callback's parameters from the query string and a form-urlencoded or JSON body:
 * player SDKs differ in what they send, and the body wins over the query string.
 */
final class CallbackBodies {

    private CallbackBodies() {
    }

    static CallbackParameters read(MultivaluedMap<String, String> query, String contentType, byte[] body,
                                   long maxBodySize) {
        if (body.length > maxBodySize) {
            throw RejectedRequestException.badRequest("body_too_large",
                    "the body has " + body.length + " bytes; at most " + maxBodySize + " are accepted");
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (body.length == 0 || type.isEmpty() || type.startsWith(MediaType.APPLICATION_FORM_URLENCODED)) {
            return CallbackParameters.ofForm(query, body);
        }
        if (type.startsWith(MediaType.APPLICATION_JSON) || type.contains("+json")) {
            return CallbackParameters.ofJsonBody(query, body);
        }
        throw RejectedRequestException.badRequest("unsupported_media_type",
                "the body must be application/x-www-form-urlencoded or application/json, not " + contentType);
    }
}
