package org.kollussuite.simulator.wire;

import java.net.URI;

/**
 * One callback as Kollus puts it on the wire: a POST of {@code form} (already
 * application/x-www-form-urlencoded) to {@code uri}, whose query carries the token.
 * {@code description} names it in printed steps and never contains a secret.
 */
public record CallbackRequest(CallbackType type, String description, URI uri, String form) {
}
