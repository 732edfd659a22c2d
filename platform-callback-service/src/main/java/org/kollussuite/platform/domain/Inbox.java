package org.kollussuite.platform.domain;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.kollussuite.platform.config.PlatformConfig;

import java.time.Instant;

/** The record of every platform callback received, and its retention. */
@ApplicationScoped
public class Inbox {

    private final EntityManager entityManager;
    private final PlatformConfig config;

    public Inbox(EntityManager entityManager, PlatformConfig config) {
        this.entityManager = entityManager;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "5m")
    @Transactional
    void purge() {
        Instant now = Instant.now();
        entityManager.createNativeQuery("delete from callback_dedup where first_seen_at < ?1")
                .setParameter(1, now.minus(config.dedupWindow()))
                .executeUpdate();
        entityManager.createNativeQuery("delete from callback_inbox where received_at < ?1")
                .setParameter(1, now.minus(config.inboxRetention()))
                .executeUpdate();
    }
}
