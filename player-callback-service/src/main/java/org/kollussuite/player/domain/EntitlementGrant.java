package org.kollussuite.player.domain;

import java.time.Instant;

/**
 * A validated request to grant an entitlement: the same user, channel and media content key always
 * designate the same entitlement, which granting again updates and un-revokes.
 */
public record EntitlementGrant(String clientUserId, String channelKey, String mediaContentKey,
                               Instant validFrom, Instant validUntil, boolean downloadAllowed) {
}
