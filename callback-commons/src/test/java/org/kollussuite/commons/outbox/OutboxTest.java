package org.kollussuite.commons.outbox;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kollussuite.commons.event.CloudEvent;
import org.kollussuite.commons.testing.DatabaseLocks;
import org.kollussuite.commons.testing.EventTap;
import org.kollussuite.commons.testing.EventTapExtension;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class OutboxTest {

    @Inject
    TestNotes notes;

    @Inject
    TestEffectConsumer consumer;

    @Inject
    EntityManager entityManager;

    @Inject
    Outbox outbox;

    @Inject
    AgroalDataSource dataSource;

    @RegisterExtension
    final EventTapExtension events = EventTapExtension.on("kollus.test.#");

    @Test
    void committedChangePublishesItsEventOnceAsAPersistentCloudEvent() {
        CloudEvent sent = notes.add("hello " + UUID.randomUUID());

        await().atMost(Duration.ofSeconds(10)).until(() -> !events.tap().matching(e -> e.id().equals(sent.id())).isEmpty());
        EventTap.Received received = events.tap().matching(e -> e.id().equals(sent.id())).get(0);
        assertEquals(TestNotes.NOTE_ADDED, received.routingKey());
        assertEquals(CloudEvent.CONTENT_TYPE, received.properties().getContentType());
        assertEquals(2, received.properties().getDeliveryMode(), "persistent");
        assertEquals(sent.id(), received.properties().getMessageId());
        assertEquals(sent.toJson(), received.event().toJson());
        assertEquals("demo-channel-key", received.event().channel());
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.timesApplied(sent.subject()) == 1);
        assertNotNull(publishedAt(sent.id()), "the row is marked sent once confirmed");
    }

    @Test
    void rolledBackChangeLeavesNoEventBehind() {
        String text = "rolled back " + UUID.randomUUID();
        assertThrows(IllegalStateException.class, () -> notes.addThenFail(text));
        CloudEvent later = notes.add("after the rollback " + UUID.randomUUID());

        await().atMost(Duration.ofSeconds(10)).until(() -> !events.tap().matching(e -> e.id().equals(later.id())).isEmpty());
        assertTrue(events.tap().matching(e -> e.data().path("text").asText().equals(text)).isEmpty(),
                "the event of the rolled-back change was never published");
        long rows = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select count(*) from outbox_event where payload like ?1")
                .setParameter(1, "%" + text + "%").getSingleResult()).longValue());
        assertEquals(0, rows);
    }

    @Test
    void anEventAppendedAgainAfterItsCommitIsStoredAndPublishedOnce() {
        CloudEvent sent = notes.add("committed, then retried " + UUID.randomUUID());

        QuarkusTransaction.requiringNew().run(() -> outbox.appendAll(List.of(sent)));

        long rows = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select count(*) from outbox_event where id = ?1")
                .setParameter(1, UUID.fromString(sent.id())).getSingleResult()).longValue());
        assertEquals(1, rows);
        await().atMost(Duration.ofSeconds(10)).until(() -> publishedAt(sent.id()) != null
                && !events.tap().matching(e -> e.id().equals(sent.id())).isEmpty());
        assertEquals(1, events.tap().matching(e -> e.id().equals(sent.id())).size());
    }

    @Test
    void concurrentCommitsPublishEveryEventExactlyOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<CloudEvent>> futures;
        try {
            futures = pool.invokeAll(java.util.stream.IntStream.range(0, 200)
                    .mapToObj(i -> (java.util.concurrent.Callable<CloudEvent>) () -> notes.add("burst " + i))
                    .toList());
        } finally {
            pool.shutdown();
        }
        Set<String> ids = futures.stream().map(OutboxTest::get).map(CloudEvent::id).collect(Collectors.toSet());

        await().atMost(Duration.ofSeconds(30)).until(() -> events.tap().matching(e -> ids.contains(e.id())).size() >= ids.size());
        List<String> deliveredIds = events.tap().matching(e -> ids.contains(e.id())).stream().map(r -> r.event().id()).toList();
        assertEquals(ids.size(), deliveredIds.size(), "no duplicates");
        assertEquals(ids, Set.copyOf(deliveredIds));
    }

    @Test
    void whileAnotherReplicaPublishesTheRelayWaitsSoEventsLeaveInCommitOrder() throws Exception {
        CloudEvent first;
        CloudEvent second;
        try (Connection otherReplica = dataSource.getConnection()) {
            otherReplica.setAutoCommit(false);
            execute(otherReplica, "select pg_advisory_xact_lock(" + OutboxRelay.PUBLISHER_LOCK + ")");
            first = notes.add("first " + UUID.randomUUID());
            await().atMost(Duration.ofSeconds(10)).until(() -> DatabaseLocks.someoneWaits(dataSource));
            // The other replica has claimed the first event and is still waiting for its confirm.
            execute(otherReplica, "select id from outbox_event where id = '" + first.id() + "' for update");
            second = notes.add("second " + UUID.randomUUID());
            otherReplica.rollback();
        }
        Set<String> ours = Set.of(first.id(), second.id());

        await().atMost(Duration.ofSeconds(10)).until(() -> events.tap().matching(e -> ours.contains(e.id())).size() == 2);
        assertEquals(List.of(first.id(), second.id()),
                events.tap().matching(e -> ours.contains(e.id())).stream().map(r -> r.event().id()).toList());
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private Object publishedAt(String id) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager
                .createNativeQuery("select published_at from outbox_event where id = ?1")
                .setParameter(1, UUID.fromString(id)).getSingleResult());
    }

    private static CloudEvent get(Future<CloudEvent> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
