package org.kollussuite.player.api;

import java.time.Instant;

/**
 * The JSON of {@code PUT /api/v1/entitlements} and of each NDJSON line of an import.
 *
 * @param channel         the Kollus channel key
 * @param mediaContentKey one content; absent or empty for the whole channel
 * @param validFrom       absent: valid at once
 * @param validUntil      absent: no end
 * @param downloadAllowed absent: false
 */
public record EntitlementRequest(String clientUserId, String channel, String mediaContentKey, Instant validFrom,
                                 Instant validUntil, Boolean downloadAllowed) {
}
