package org.kollussuite.commons.callback;

import org.kollussuite.commons.config.Channel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CORS headers of a configured channel's callback URLs (suite contract §2): web players may call
 * them, so every answer says which origin may read it, and a preflight is answered like the request
 * it announces. Credentials are never allowed.
 */
public final class CorsHeaders {

    public static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";
    public static final String ALLOW_METHODS = "Access-Control-Allow-Methods";
    public static final String ALLOW_HEADERS = "Access-Control-Allow-Headers";
    public static final String MAX_AGE = "Access-Control-Max-Age";
    public static final String REQUEST_HEADERS = "Access-Control-Request-Headers";
    public static final String ORIGIN = "Origin";
    public static final String VARY = "Vary";
    /** The methods of every channel URL. */
    public static final String METHODS = "POST, OPTIONS";
    /** A day: browsers cap it lower anyway, and a channel's origins change with a redeployment only. */
    static final String PREFLIGHT_MAX_AGE = "86400";

    private CorsHeaders() {
    }

    /** What every answer of {@code channel}'s URLs carries for a request from {@code origin} (may be null). */
    public static Map<String, String> answer(Channel channel, String origin) {
        Map<String, String> headers = new LinkedHashMap<>();
        channel.corsOrigins().allowOrigin(origin).ifPresent(allowed -> headers.put(ALLOW_ORIGIN, allowed));
        if (channel.corsOrigins().variesByOrigin()) {
            headers.put(VARY, ORIGIN);
        }
        return headers;
    }

    /** The headers of a preflight's {@code 204}: the answer's, the methods, the requested headers, and how long to keep it. */
    public static Map<String, String> preflight(Channel channel, String origin, String requestedHeaders) {
        Map<String, String> headers = answer(channel, origin);
        headers.put(ALLOW_METHODS, METHODS);
        if (requestedHeaders != null && !requestedHeaders.isBlank()) {
            headers.put(ALLOW_HEADERS, requestedHeaders.strip());
        }
        headers.put(MAX_AGE, PREFLIGHT_MAX_AGE);
        return headers;
    }
}
