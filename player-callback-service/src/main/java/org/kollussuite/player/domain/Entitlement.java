package org.kollussuite.player.domain;

import java.time.Instant;

/**
 * A user's right to play (and perhaps download) one content of a channel, or the whole channel when
 * {@code mediaContentKey} is empty, during a validity window; {@code null} bounds are open.
 */
public record Entitlement(long id, String clientUserId, String channelKey, String mediaContentKey,
                          Instant validFrom, Instant validUntil, boolean downloadAllowed, Instant revokedAt) {

    /** The {@code mediaContentKey} of an entitlement that covers every content of its channel. */
    public static final String WHOLE_CHANNEL = "";

    public boolean covers(String contentKey) {
        return mediaContentKey.isEmpty() || mediaContentKey.equals(contentKey);
    }

    public boolean activeAt(Instant now) {
        return revokedAt == null && !notYetValidAt(now) && !endedAt(now);
    }

    boolean notYetValidAt(Instant now) {
        return validFrom != null && now.isBefore(validFrom);
    }

    boolean endedAt(Instant now) {
        return validUntil != null && !now.isBefore(validUntil);
    }
}
