package org.kollussuite.player.domain;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.kollussuite.commons.text.Truncation;
import org.kollussuite.commons.config.Channel;
import org.kollussuite.player.config.PlayerConfig;
import org.kollussuite.player.persistence.RejectedCallbackEntity;

import java.time.Instant;
import java.util.Map;

/**
 * The record of player callbacks that could not be decided. Recording never fails the answer: the
 * viewer still gets a signed denial when the database is unavailable, and the log keeps the reason.
 */
@ApplicationScoped
public class RejectedCallbacks {

    private static final Logger LOG = Logger.getLogger(RejectedCallbacks.class);

    private final MeterRegistry registry;
    private final PlayerConfig config;

    public RejectedCallbacks(MeterRegistry registry, PlayerConfig config) {
        this.registry = registry;
        this.config = config;
    }

    public void record(String callback, Channel channel, String error, String message, Map<String, String> parameters,
                       String sourceAddress) {
        LOG.warnf("Rejected %s callback on channel %s from %s: %s: %s", callback, channel.alias(), sourceAddress, error,
                message);
        registry.counter("kollus.player.callbacks.rejected", "callback", callback, "error", error).increment();
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                RejectedCallbackEntity entry = new RejectedCallbackEntity();
                entry.receivedAt = Instant.now();
                entry.callback = callback;
                entry.channelKey = channel.key();
                entry.error = error;
                entry.message = Truncation.truncate(message, 1000);
                entry.parameters = Truncation.parameters(parameters);
                entry.sourceAddress = sourceAddress;
                entry.persist();
            });
        } catch (RuntimeException e) {
            LOG.errorf("Could not store the rejected %s callback: %s", callback, e.getMessage());
        }
    }

    @Scheduled(every = "1h", delayed = "5m")
    @Transactional
    void purge() {
        RejectedCallbackEntity.delete("receivedAt < ?1", Instant.now().minus(config.rejectedRetention()));
    }
}
