package org.kollussuite.notifier.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.kollussuite.notifier.config.Webhook;
import org.kollussuite.notifier.config.WebhookDirectory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-endpoint gauges read from the delivery table every few seconds:
 * {@code kollus.notifier.deliveries{endpoint,status="pending"|"failed"}} (the queue depth and the dead
 * deliveries waiting for an operator).
 */
@ApplicationScoped
public class DeliveryMetrics {

    private final EntityManager entityManager;
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

    public DeliveryMetrics(EntityManager entityManager, WebhookDirectory webhooks, MeterRegistry registry) {
        this.entityManager = entityManager;
        for (Webhook webhook : webhooks.all()) {
            for (DeliveryStatus status : new DeliveryStatus[]{DeliveryStatus.PENDING, DeliveryStatus.FAILED}) {
                AtomicLong value = new AtomicLong();
                gauges.put(webhook.name() + "/" + status.name(), value);
                registry.gauge("kollus.notifier.deliveries", Tags.of("endpoint", webhook.name(), "status", status.apiName()),
                        value);
            }
        }
    }

    @Scheduled(every = "10s", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void refresh() {
        gauges.values().forEach(value -> value.set(0));
        entityManager.createQuery("select d.endpoint, d.status, count(d) from DeliveryEntity d where d.status in "
                        + "(org.kollussuite.notifier.delivery.DeliveryStatus.PENDING, "
                        + "org.kollussuite.notifier.delivery.DeliveryStatus.FAILED) group by d.endpoint, d.status",
                        Object[].class)
                .getResultList()
                .forEach(row -> {
                    AtomicLong value = gauges.get(row[0] + "/" + ((DeliveryStatus) row[1]).name());
                    if (value != null) {
                        value.set((Long) row[2]);
                    }
                });
    }
}
