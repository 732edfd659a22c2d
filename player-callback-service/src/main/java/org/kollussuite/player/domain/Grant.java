package org.kollussuite.player.domain;

import java.time.Instant;
import java.util.List;

/**
 * What a user's entitlements say about one content at one instant.
 *
 * @param status why the user may or may not
 * @param until  for an active grant, the end of the longest covering entitlement; null when open-ended
 */
public record Grant(Status status, Instant until) {

    /** Why a user may, or may not, play or download a content. */
    public enum Status {
        ACTIVE("entitled"),
        REVOKED("entitlement_revoked"),
        ENDED("entitlement_ended"),
        NOT_YET_VALID("entitlement_not_yet_valid"),
        DOWNLOAD_NOT_ALLOWED("download_not_allowed"),
        NONE("no_entitlement");

        private final String reason;

        Status(String reason) {
            this.reason = reason;
        }

        /** The reason carried by decision events. */
        public String reason() {
            return reason;
        }
    }

    public boolean active() {
        return status == Status.ACTIVE;
    }

    /**
     * Evaluates {@code entitlements} (one user's, in one channel) for {@code contentKey}. Among
     * covering entitlements an active one wins; otherwise a revocation explains the refusal before an
     * ended or future window, so that offline copies of revoked rights can be expired or deleted.
     */
    public static Grant of(List<Entitlement> entitlements, String contentKey, boolean download, Instant now) {
        boolean anyActive = false;
        boolean openEnded = false;
        Instant until = null;
        boolean revoked = false;
        boolean ended = false;
        boolean future = false;
        boolean activeWithoutDownload = false;
        for (Entitlement entitlement : entitlements) {
            if (!entitlement.covers(contentKey)) {
                continue;
            }
            if (entitlement.activeAt(now)) {
                if (download && !entitlement.downloadAllowed()) {
                    activeWithoutDownload = true;
                    continue;
                }
                anyActive = true;
                if (entitlement.validUntil() == null) {
                    openEnded = true;
                } else if (until == null || entitlement.validUntil().isAfter(until)) {
                    until = entitlement.validUntil();
                }
            } else if (entitlement.revokedAt() != null) {
                revoked = true;
            } else if (entitlement.endedAt(now)) {
                ended = true;
            } else {
                future = true;
            }
        }
        if (anyActive) {
            return new Grant(Status.ACTIVE, openEnded ? null : until);
        }
        if (revoked) {
            return new Grant(Status.REVOKED, null);
        }
        if (activeWithoutDownload) {
            return new Grant(Status.DOWNLOAD_NOT_ALLOWED, null);
        }
        if (ended) {
            return new Grant(Status.ENDED, null);
        }
        return new Grant(future ? Status.NOT_YET_VALID : Status.NONE, null);
    }
}
