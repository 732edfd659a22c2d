package org.kollussuite.player.domain;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.kollussuite.commons.config.AccessPolicy;
import org.kollussuite.commons.config.Channel;
import org.kollussuite.commons.config.FailMode;

import java.time.Instant;

/** Applies a channel's policy, and for {@code ENTITLEMENT} the user's cached entitlements, to one content. */
@ApplicationScoped
public class AccessRules {

    private static final Logger LOG = Logger.getLogger(AccessRules.class);

    private final EntitlementCache entitlements;

    public AccessRules(EntitlementCache entitlements) {
        this.entitlements = entitlements;
    }

    public Verdict play(Channel channel, String clientUserId, String mediaContentKey, Instant now) {
        return decide(channel, channel.playPolicy(), clientUserId, mediaContentKey, false, now);
    }

    public Verdict download(Channel channel, String clientUserId, String mediaContentKey, Instant now) {
        return decide(channel, channel.downloadPolicy(), clientUserId, mediaContentKey, true, now);
    }

    private Verdict decide(Channel channel, AccessPolicy policy, String clientUserId, String mediaContentKey,
                           boolean download, Instant now) {
        return switch (policy) {
            case ALLOW -> Verdict.allow(null, "policy_allow");
            case DENY -> Verdict.deny("policy_deny");
            case ENTITLEMENT -> {
                try {
                    yield Verdict.of(Grant.of(entitlements.of(channel.key(), clientUserId), mediaContentKey, download, now));
                } catch (LookupFailedException e) {
                    LOG.warnf("Channel %s: %s; answering per PLAY_FAIL_MODE=%s", channel.alias(), e.getMessage(),
                            channel.playFailMode());
                    yield channel.playFailMode() == FailMode.ALLOW ? Verdict.allow(null, "fail_open")
                            : Verdict.deny("entitlements_unavailable");
                }
            }
        };
    }
}
