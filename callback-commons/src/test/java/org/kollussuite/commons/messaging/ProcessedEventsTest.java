package org.kollussuite.commons.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ProcessedEventsTest {

    @Inject
    ProcessedEvents processedEvents;

    @Test
    void sameEventDeliveredConcurrentlyIsProcessedOnce() throws Exception {
        String eventId = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> deliveries = IntStream.range(0, 8)
                    .mapToObj(i -> (Callable<Boolean>) () -> QuarkusTransaction.requiringNew()
                            .call(() -> processedEvents.markProcessed("concurrency-test", eventId)))
                    .toList();
            long firsts = pool.invokeAll(deliveries).stream().map(ProcessedEventsTest::get).filter(b -> b).count();

            assertEquals(1, firsts);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aBatchAnswersOnlyTheEventsNeverProcessedBefore() {
        String seen = UUID.randomUUID().toString();
        String fresh = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> processedEvents.markProcessed("batch-test", seen));

        Set<String> firstSeen = QuarkusTransaction.requiringNew()
                .call(() -> processedEvents.markAllProcessed("batch-test", List.of(seen, fresh)));

        assertEquals(Set.of(fresh), firstSeen);
        assertFalse(QuarkusTransaction.requiringNew().call(() -> processedEvents.markProcessed("batch-test", fresh)));
    }

    @Test
    void rolledBackProcessingLeavesTheEventToBeProcessedAgain() {
        String eventId = UUID.randomUUID().toString();

        try {
            QuarkusTransaction.requiringNew().run(() -> {
                processedEvents.markProcessed("rollback-test", eventId);
                throw new IllegalStateException("the consumer's own change failed");
            });
        } catch (IllegalStateException expected) {
            // The whole delivery rolled back, as a consumer failure does.
        }

        assertTrue(QuarkusTransaction.requiringNew().call(() -> processedEvents.markProcessed("rollback-test", eventId)));
        assertFalse(QuarkusTransaction.requiringNew().call(() -> processedEvents.markProcessed("rollback-test", eventId)));
    }

    @Test
    void consumersKeepSeparateLogs() {
        String eventId = UUID.randomUUID().toString();

        assertTrue(QuarkusTransaction.requiringNew().call(() -> processedEvents.markProcessed("consumer-a", eventId)));
        assertTrue(QuarkusTransaction.requiringNew().call(() -> processedEvents.markProcessed("consumer-b", eventId)));
    }

    private static Boolean get(Future<Boolean> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
