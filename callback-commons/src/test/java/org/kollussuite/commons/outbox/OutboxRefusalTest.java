package org.kollussuite.commons.outbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.kollussuite.commons.event.CloudEvent;
import org.kollussuite.commons.testing.Metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The broker refusing one message of a batch costs only that event, which is parked for an operator. */
@QuarkusTest
@TestProfile(FaultBrokerProfile.class)
class OutboxRefusalTest {

    @Inject
    Outbox outbox;

    @Inject
    EntityManager entityManager;

    private static CloudEvent event(String payload) {
        return new CloudEvent(UUID.randomUUID().toString(), CloudEvent.sourceOf("test"), "kollus.test.refusal",
                Instant.now(), "refusal", JsonNodeFactory.instance.objectNode().put("text", payload), Map.of());
    }

    @Test
    void anEventTheBrokerRefusesIsParkedAloneAndEveryOtherEventOfItsBatchIsPublished() {
        double parkedBefore = Metrics.sum("kollus_outbox_parked_total");
        List<CloudEvent> honest = IntStream.range(0, 30).mapToObj(i -> event("honest " + i)).toList();
        CloudEvent oversized = event("x".repeat(2 * 1024 * 1024));
        List<CloudEvent> batch = new ArrayList<>(honest);
        batch.add(13, oversized);

        QuarkusTransaction.requiringNew().run(() -> outbox.appendAll(batch));

        await().atMost(Duration.ofSeconds(30)).until(() -> state(oversized).parkedAt() != null);
        await().atMost(Duration.ofSeconds(30)).until(() -> honest.stream().allMatch(e -> state(e).publishedAt() != null));
        Row refused = state(oversized);
        assertNull(refused.publishedAt(), "never published");
        assertTrue(refused.lastError().contains("max size"), refused.lastError());
        assertEquals(parkedBefore + 1, Metrics.sum("kollus_outbox_parked_total"));
    }

    private record Row(Object publishedAt, Object parkedAt, String lastError) {
    }

    private Row state(CloudEvent event) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object[] row = (Object[]) entityManager.createNativeQuery(
                            "select published_at, parked_at, last_error from outbox_event where id = ?1")
                    .setParameter(1, UUID.fromString(event.id())).getSingleResult();
            return new Row(row[0], row[1], (String) row[2]);
        });
    }
}
