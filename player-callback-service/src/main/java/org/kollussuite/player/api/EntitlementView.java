package org.kollussuite.player.api;

import org.kollussuite.player.persistence.EntitlementEntity;

import java.time.Instant;

/** An entitlement as the admin API shows it; {@code mediaContentKey} is null for the whole channel. */
public record EntitlementView(long id, String clientUserId, String channel, String mediaContentKey, Instant validFrom,
                              Instant validUntil, boolean downloadAllowed, Instant revokedAt, Instant createdAt,
                              Instant updatedAt) {

    static EntitlementView of(EntitlementEntity e) {
        return new EntitlementView(e.id, e.clientUserId, e.channelKey,
                e.mediaContentKey == null || e.mediaContentKey.isEmpty() ? null : e.mediaContentKey,
                e.validFrom, e.validUntil, e.downloadAllowed, e.revokedAt, e.createdAt, e.updatedAt);
    }
}
