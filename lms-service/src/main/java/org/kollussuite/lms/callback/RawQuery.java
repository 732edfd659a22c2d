package org.kollussuite.lms.callback;

import io.netty.handler.codec.http.QueryStringDecoder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The query string of an LMS request, decoded pair by pair: a broken escape costs the snapshot a quarantine
 * instead of the whole request a framework {@code 400}, which the player would take as final. Names keep
 * their case, unlike Vert.x' parameters, so that a channel's flat names are found as spelled.
 *
 * @param parameters the pairs, the token's left out; a pair that cannot be decoded is kept as received
 * @param token      the value of the first parameter named like the token, null when there is none
 * @param malformed  whether a pair could not be decoded
 */
record RawQuery(Map<String, List<String>> parameters, String token, boolean malformed) {

    static RawQuery parse(String query) {
        if (query == null || query.isEmpty()) {
            return new RawQuery(Map.of(), null, false);
        }
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        String token = null;
        boolean malformed = false;
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            String rawValue = equals < 0 ? "" : pair.substring(equals + 1);
            String name = decoded(rawName);
            String value = decoded(rawValue);
            if (name != null && Redaction.isTokenName(name)) {
                if (token == null) {
                    token = value;
                }
                continue;
            }
            if (name == null || value == null) {
                malformed = true;
            }
            parameters.computeIfAbsent(name == null ? rawName : name, key -> new ArrayList<>())
                    .add(value == null ? rawValue : value);
        }
        return new RawQuery(Collections.unmodifiableMap(parameters), token, malformed);
    }

    /** The component decoded as a query (UTF-8, {@code +} a space), null when an escape is broken. */
    private static String decoded(String component) {
        try {
            return QueryStringDecoder.decodeComponent(component, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
