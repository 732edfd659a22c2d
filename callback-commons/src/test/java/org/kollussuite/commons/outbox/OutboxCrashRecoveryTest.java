package org.kollussuite.commons.outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kollussuite.commons.event.CloudEvent;
import org.kollussuite.commons.testing.EventTapExtension;

import java.time.Duration;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The two crash windows of an outbox: after the commit but before the publication, and after the
 * broker's confirm but before the row was marked sent. With the relay stopped, each step is driven
 * by hand exactly where a crash would interrupt it.
 */
@QuarkusTest
@TestProfile(RelayStoppedProfile.class)
class OutboxCrashRecoveryTest {

    @Inject
    TestNotes notes;

    @Inject
    OutboxRelay relay;

    @Inject
    TestEffectConsumer consumer;

    @Inject
    EntityManager entityManager;

    @RegisterExtension
    final EventTapExtension events = EventTapExtension.on("kollus.test.#");

    @Test
    void eventCommittedBeforeTheProcessDiedIsPublishedByTheNextRelayRun() {
        CloudEvent committed = notes.add("committed, then the process died " + UUID.randomUUID());
        assertNull(publishedAt(committed.id()), "nothing published it: the row waits in the outbox");

        relay.drain();

        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.timesApplied(committed.subject()) == 1
                && events.tap().matching(e -> e.id().equals(committed.id())).size() == 1);
    }

    @Test
    void eventRepublishedAfterItsMarkWasLostHasOneEffectDownstream() {
        CloudEvent event = notes.add("published, then the mark was lost " + UUID.randomUUID());
        relay.drain();
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.deliveriesOf(event.id()) == 1);

        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("update outbox_event set published_at = null where id = ?1")
                .setParameter(1, UUID.fromString(event.id())).executeUpdate());
        relay.drain();

        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.deliveriesOf(event.id()) == 2);
        assertEquals(2, events.tap().matching(e -> e.id().equals(event.id())).size(), "the broker carried it twice");
        assertEquals(1, consumer.timesApplied(event.subject()), "the consumer applied it once");
    }

    private Object publishedAt(String id) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager
                .createNativeQuery("select published_at from outbox_event where id = ?1")
                .setParameter(1, UUID.fromString(id)).getSingleResult());
    }
}
