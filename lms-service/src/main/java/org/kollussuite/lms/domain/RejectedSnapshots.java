package org.kollussuite.lms.domain;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;
import org.kollussuite.commons.text.Truncation;
import org.kollussuite.commons.config.Channel;
import org.kollussuite.lms.config.LmsConfig;
import org.kollussuite.lms.persistence.RejectedSnapshotEntity;

import java.time.Instant;
import java.util.Map;

/**
 * The record of refused LMS callbacks. It is written off the request thread: the refusal answers at
 * once, the record follows, and a failure to write it is logged, never answered.
 */
@ApplicationScoped
public class RejectedSnapshots {

    private static final Logger LOG = Logger.getLogger(RejectedSnapshots.class);

    private final ManagedExecutor executor;
    private final MeterRegistry registry;
    private final LmsConfig config;

    public RejectedSnapshots(ManagedExecutor executor, MeterRegistry registry, LmsConfig config) {
        this.executor = executor;
        this.registry = registry;
        this.config = config;
    }

    public void record(Channel channel, String error, String message, Map<String, String> parameters,
                       String sourceAddress) {
        LOG.warnf("Rejected LMS callback on channel %s from %s: %s: %s", channel.alias(), sourceAddress, error, message);
        registry.counter("kollus.lms.snapshots", "result", "rejected").increment();
        Instant receivedAt = Instant.now();
        executor.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            RejectedSnapshotEntity entry = new RejectedSnapshotEntity();
            entry.receivedAt = receivedAt;
            entry.channelKey = channel.key();
            entry.error = error;
            entry.message = Truncation.truncate(message, 1000);
            entry.parameters = Truncation.parameters(parameters);
            entry.sourceAddress = sourceAddress;
            entry.persist();
        })).exceptionally(e -> {
            LOG.errorf("Could not store a rejected LMS callback: %s", e.getMessage());
            return null;
        });
    }

    @Scheduled(every = "1h", delayed = "5m")
    @Transactional
    void purge() {
        RejectedSnapshotEntity.delete("receivedAt < ?1", Instant.now().minus(config.rejectedRetention()));
    }
}
