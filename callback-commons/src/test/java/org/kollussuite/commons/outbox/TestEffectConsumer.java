package org.kollussuite.commons.outbox;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.kollussuite.commons.event.CloudEvent;
import org.kollussuite.commons.messaging.IncomingEvents;
import org.kollussuite.commons.messaging.ProcessedEvents;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A downstream consumer whose effect (a counter per note) must happen once per event, whatever the broker redelivers. */
@ApplicationScoped
public class TestEffectConsumer {

    public static final String CONSUMER = "commons-test-effects";

    private final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    private final ProcessedEvents processedEvents;
    private final EntityManager entityManager;

    public TestEffectConsumer(ProcessedEvents processedEvents, EntityManager entityManager) {
        this.processedEvents = processedEvents;
        this.entityManager = entityManager;
    }

    @Incoming("test-events-in")
    @Blocking
    @Transactional
    public void onEvent(byte[] payload) {
        CloudEvent event = IncomingEvents.parse(payload);
        deliveries.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet();
        processedEvents.processOnce(CONSUMER, event, e -> entityManager.createNativeQuery(
                        "insert into test_effect (note_id, applied) values (?1, 1) "
                                + "on conflict (note_id) do update set applied = test_effect.applied + 1")
                .setParameter(1, UUID.fromString(e.subject()))
                .executeUpdate());
    }

    /** How many times the broker delivered the event, duplicates included. */
    public int deliveriesOf(String eventId) {
        AtomicInteger count = deliveries.get(eventId);
        return count == null ? 0 : count.get();
    }

    @Transactional
    public int timesApplied(String noteId) {
        var rows = entityManager.createNativeQuery("select applied from test_effect where note_id = ?1")
                .setParameter(1, UUID.fromString(noteId))
                .getResultList();
        return rows.isEmpty() ? 0 : ((Number) rows.get(0)).intValue();
    }
}
