package org.kollussuite.platform.domain;

import jakarta.ws.rs.core.MultivaluedMap;

/**
 * A platform callback exactly as it reached the service, before any check.
 *
 * @param body          the raw request body
 * @param contentType   the request's media type, or null
 * @param query         the query string parameters, token included
 * @param sourceAddress the caller's address, as resolved through trusted proxies
 */
public record IncomingCallback(CallbackType type, byte[] body, String contentType,
                               MultivaluedMap<String, String> query, String sourceAddress) {
}
