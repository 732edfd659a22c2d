package org.kollussuite.player.domain;

import java.time.Instant;

/**
 * Whether a user may play or download a content now.
 *
 * @param allowed  the answer
 * @param until    when allowed, the end of the user's right; null when the policy or entitlement sets none
 * @param reason   why, as decision events and metrics name it
 * @param revoked  the refusal is due to a revoked entitlement (offline copies are then expired or deleted)
 */
public record Verdict(boolean allowed, Instant until, String reason, boolean revoked) {

    public static Verdict allow(Instant until, String reason) {
        return new Verdict(true, until, reason, false);
    }

    public static Verdict deny(String reason) {
        return new Verdict(false, null, reason, false);
    }

    static Verdict of(Grant grant) {
        return grant.active() ? allow(grant.until(), grant.status().reason())
                : new Verdict(false, null, grant.status().reason(), grant.status() == Grant.Status.REVOKED);
    }
}
