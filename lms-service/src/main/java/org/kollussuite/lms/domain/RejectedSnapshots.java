package org.kollussuite.lms.domain;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;
import org.kollussuite.commons.config.Channel;
import org.kollussuite.lms.config.LmsConfig;
import org.kollussuite.lms.persistence.RejectedSnapshotEntity;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The record of refused LMS callbacks. It is written off the request thread: the refusal answers at
 * once, the record follows, and a failure to write it is logged, never answered.
 */
@ApplicationScoped
public class RejectedSnapshots {

    private static final Logger LOG = Logger.getLogger(RejectedSnapshots.class);
    private static final int MAX_VALUE_LENGTH = 4000;

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
            entry.message = truncate(message, 1000);
            entry.parameters = truncated(parameters);
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

    private static Map<String, String> truncated(Map<String, String> parameters) {
        Map<String, String> copy = new LinkedHashMap<>();
        parameters.forEach((name, value) -> copy.put(truncate(name, 200), truncate(value, MAX_VALUE_LENGTH)));
        return copy;
    }

    private static String truncate(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }
}
