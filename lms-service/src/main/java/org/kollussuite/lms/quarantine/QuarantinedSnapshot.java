package org.kollussuite.lms.quarantine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A snapshot kept raw because it could not be read or merged, with why.
 *
 * @param query       the query parameters, the token removed
 * @param body        the body as received (its first bytes when it was too large), the token removed
 * @param reappliable false when what was kept cannot be the whole snapshot (a body too large)
 */
public record QuarantinedSnapshot(long id, Instant receivedAt, String channelKey, String reason, String message,
                                  Status status, boolean reappliable, Map<String, List<String>> query,
                                  String contentType, byte[] body, String sourceAddress, Instant appliedAt) {

    /** Where a quarantined snapshot stands. */
    public enum Status {
        /** Waiting for a fix of its channel's mapping, or kept for operators. */
        QUARANTINED,
        /** Read again and merged into progress. */
        APPLIED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
