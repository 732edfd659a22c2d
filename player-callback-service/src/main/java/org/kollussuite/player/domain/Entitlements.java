package org.kollussuite.player.domain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.kollussuite.commons.api.AdminInput;
import org.kollussuite.commons.api.RejectedRequestException;
import org.kollussuite.commons.config.Channel;
import org.kollussuite.commons.config.ChannelDirectory;
import org.kollussuite.commons.outbox.Outbox;
import org.kollussuite.player.persistence.EntitlementEntity;
import org.kollussuite.player.persistence.EntitlementStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Grants and revokes entitlements. Each change commits together with an invalidation event for every
 * replica's cache; this replica's cache is cleared as soon as the change committed.
 */
@ApplicationScoped
public class Entitlements {

    static final int MAX_KEY_LENGTH = 200;

    private final EntitlementStore store;
    private final EntitlementCache cache;
    private final Outbox outbox;
    private final ChannelDirectory channels;

    public Entitlements(EntitlementStore store, EntitlementCache cache, Outbox outbox, ChannelDirectory channels) {
        this.store = store;
        this.cache = cache;
        this.outbox = outbox;
        this.channels = channels;
    }

    /**
     * Checks one requested entitlement and answers it as a grant, or the sentences saying what is wrong.
     * The channel must be configured here: an entitlement for an unknown channel would never be used.
     */
    public List<String> problems(String clientUserId, String channelKey, String mediaContentKey, Instant validFrom,
                                 Instant validUntil) {
        List<String> problems = new ArrayList<>();
        if (clientUserId == null || clientUserId.isBlank()) {
            problems.add("clientUserId is required");
        } else if (clientUserId.length() > MAX_KEY_LENGTH) {
            problems.add("clientUserId is longer than " + MAX_KEY_LENGTH + " characters");
        }
        if (channelKey == null || channelKey.isBlank()) {
            problems.add("channel (the Kollus channel key) is required");
        } else if (channels.byKey(channelKey).isEmpty()) {
            problems.add("channel '" + channelKey + "' is not configured; configured: "
                    + channels.all().stream().map(Channel::key).collect(Collectors.joining(", ")));
        }
        if (mediaContentKey != null && mediaContentKey.length() > MAX_KEY_LENGTH) {
            problems.add("mediaContentKey is longer than " + MAX_KEY_LENGTH + " characters");
        }
        Stream.of(AdminInput.problemOf("clientUserId", clientUserId), AdminInput.problemOf("channel", channelKey),
                        AdminInput.problemOf("mediaContentKey", mediaContentKey), AdminInput.problemOf("validFrom", validFrom),
                        AdminInput.problemOf("validUntil", validUntil))
                .filter(Objects::nonNull).filter(problem -> !problems.contains(problem)).forEach(problems::add);
        if (validFrom != null && validUntil != null && !validUntil.isAfter(validFrom)) {
            problems.add("validUntil must be after validFrom");
        }
        return problems;
    }

    /** Grants (or re-grants, lifting a revocation) one entitlement and answers it as stored. */
    public EntitlementEntity grant(EntitlementGrant grant) {
        EntitlementEntity stored = QuarkusTransaction.requiringNew().call(() -> {
            long id = store.grant(List.of(grant)).get(0);
            outbox.append(CacheInvalidations.entitlementsChanged(grant.channelKey(), grant.clientUserId()));
            return EntitlementEntity.<EntitlementEntity>findById(id);
        });
        cache.invalidate(grant.channelKey(), grant.clientUserId());
        return stored;
    }

    /**
     * Grants many entitlements in one transaction: all or none. A key given twice keeps its last line.
     * Answers how many distinct entitlements were written.
     */
    public int grantAll(List<EntitlementGrant> grants) {
        Map<List<String>, EntitlementGrant> distinct = new LinkedHashMap<>();
        for (EntitlementGrant grant : grants) {
            List<String> identity = List.of(grant.clientUserId(), grant.channelKey(), grant.mediaContentKey());
            distinct.remove(identity);
            distinct.put(identity, grant);
        }
        List<EntitlementGrant> unique = List.copyOf(distinct.values());
        QuarkusTransaction.requiringNew().run(() -> {
            store.grant(unique);
            outbox.append(CacheInvalidations.allEntitlementsChanged());
        });
        cache.invalidateAll();
        return unique.size();
    }

    /** Revokes entitlement {@code id}: refusals and offline expiry follow within the cache's staleness bound. */
    public Optional<EntitlementEntity> revoke(long id) {
        Optional<EntitlementEntity> revoked = QuarkusTransaction.requiringNew().call(() -> {
            EntitlementEntity entity = EntitlementEntity.findById(id);
            if (entity == null) {
                return Optional.<EntitlementEntity>empty();
            }
            if (entity.revokedAt == null) {
                entity.revokedAt = Instant.now();
                entity.updatedAt = entity.revokedAt;
                outbox.append(CacheInvalidations.entitlementsChanged(entity.channelKey, entity.clientUserId));
            }
            return Optional.of(entity);
        });
        revoked.ifPresent(entity -> cache.invalidate(entity.channelKey, entity.clientUserId));
        return revoked;
    }

    /** A 400 {@code invalid_entitlement} refusal listing {@code problems}. */
    public static RejectedRequestException invalid(List<String> problems) {
        return RejectedRequestException.badRequest("invalid_entitlement", String.join("; ", problems));
    }
}
