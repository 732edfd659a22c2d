package org.kollussuite.commons.concurrent;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kollussuite.commons.concurrent.GroupCommit.BatchWriter;
import org.kollussuite.commons.concurrent.GroupCommit.NotWrittenException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupCommitTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<List<String>> batches = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstBatchStarted = new CountDownLatch(1);
    private final CountDownLatch releaseFirstBatch = new CountDownLatch(1);
    private GroupCommit<String, Integer> groupCommit;

    /** Records each batch and answers each item's length; the first batch waits until released. */
    private final BatchWriter<String, Integer> recordingWriter = batch -> {
        batches.add(batch.stream().map(GroupCommit.Item::value).toList());
        firstBatchStarted.countDown();
        releaseFirstBatch.await();
        batch.forEach(item -> item.complete(item.value().length()));
    };

    @AfterEach
    void stop() throws InterruptedException {
        releaseFirstBatch.countDown();
        if (groupCommit != null) {
            groupCommit.stop(Duration.ofSeconds(5));
        }
    }

    private GroupCommit<String, Integer> started(int capacity, BatchWriter<String, Integer> writer) {
        groupCommit = GroupCommit.builder("test-writer", writer).queueCapacity(capacity).batchSize(100)
                .meters(registry, "test.group").build();
        groupCommit.start();
        return groupCommit;
    }

    @Test
    void itemsArrivingWhileABatchCommitsAreWrittenTogetherInTheNextBatch() throws Exception {
        started(100, recordingWriter);
        CompletableFuture<Integer> first = groupCommit.submit("first").toCompletableFuture();
        assertTrue(firstBatchStarted.await(5, TimeUnit.SECONDS));
        List<CompletableFuture<Integer>> waiting = new ArrayList<>();
        for (String value : List.of("a", "bb", "ccc")) {
            waiting.add(groupCommit.submit(value).toCompletableFuture());
        }
        assertFalse(first.isDone(), "no answer before the commit");

        releaseFirstBatch.countDown();

        assertEquals(5, first.get(5, TimeUnit.SECONDS));
        assertEquals(List.of(1, 2, 3), List.of(waiting.get(0).get(5, TimeUnit.SECONDS),
                waiting.get(1).get(5, TimeUnit.SECONDS), waiting.get(2).get(5, TimeUnit.SECONDS)));
        assertEquals(List.of(List.of("first"), List.of("a", "bb", "ccc")), batches);
        // Callers are answered inside the batch's write; its metrics are recorded just after.
        await().atMost(Duration.ofSeconds(5)).until(() -> registry.get("test.group.batch.size").summary().count() == 2);
        assertEquals(2, registry.get("test.group.batch.size").summary().count());
        assertEquals(4.0, registry.get("test.group.batch.size").summary().totalAmount());
    }

    @Test
    void aFailedBatchFailsEachOfItsItemsWithTheCause() {
        IllegalStateException cause = new IllegalStateException("database down");
        started(100, batch -> {
            throw cause;
        });

        CompletionException failure = assertThrows(CompletionException.class,
                () -> groupCommit.submit("x").toCompletableFuture().join());

        NotWrittenException notWritten = assertInstanceOf(NotWrittenException.class, failure.getCause());
        assertFalse(notWritten.busy());
        assertEquals(cause, notWritten.getCause());
    }

    @Test
    void anItemTheWriterLeavesIncompleteFailsInsteadOfWaitingForever() throws Exception {
        started(100, batch -> batch.stream().filter(item -> !item.value().equals("forgotten"))
                .forEach(item -> item.complete(1)));

        CompletableFuture<Integer> forgotten = groupCommit.submit("forgotten").toCompletableFuture();

        CompletionException failure = assertThrows(CompletionException.class, forgotten::join);
        assertInstanceOf(NotWrittenException.class, failure.getCause());
        assertEquals(1, groupCommit.submit("kept").toCompletableFuture().get(5, TimeUnit.SECONDS));
    }

    @Test
    void aFullQueueRefusesAtOnceAsBusy() throws Exception {
        started(2, recordingWriter);
        groupCommit.submit("in the batch");
        assertTrue(firstBatchStarted.await(5, TimeUnit.SECONDS));
        groupCommit.submit("queued 1");
        groupCommit.submit("queued 2");

        CompletionException failure = assertThrows(CompletionException.class,
                () -> groupCommit.submit("one too many").toCompletableFuture().join());

        assertTrue(assertInstanceOf(NotWrittenException.class, failure.getCause()).busy());
    }

    @Test
    void stoppingWritesWhatIsQueuedAndRefusesWhatComesAfter() throws Exception {
        started(100, recordingWriter);
        CompletableFuture<Integer> first = groupCommit.submit("first").toCompletableFuture();
        assertTrue(firstBatchStarted.await(5, TimeUnit.SECONDS));
        CompletableFuture<Integer> queued = groupCommit.submit("queued").toCompletableFuture();

        Thread stopper = new Thread(() -> {
            try {
                groupCommit.stop(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        stopper.start();
        // Once stop() waits for the writer, the writer has been told to stop: only then release the first batch.
        await().atMost(Duration.ofSeconds(5)).until(() -> stopper.getState() == Thread.State.TIMED_WAITING);
        releaseFirstBatch.countDown();
        stopper.join(5000);

        assertFalse(stopper.isAlive());
        assertEquals(5, first.get(5, TimeUnit.SECONDS));
        assertEquals(6, queued.get(5, TimeUnit.SECONDS));
        CompletionException refused = assertThrows(CompletionException.class,
                () -> groupCommit.submit("late").toCompletableFuture().join());
        assertTrue(assertInstanceOf(NotWrittenException.class, refused.getCause()).busy());
        assertEquals(List.of(List.of("first"), List.of("queued")), batches);
    }

    @Test
    void itemsOfOneKeyStayInOrderInOneWriterWhileAnotherKeysWriterCommitsMeanwhile() throws Exception {
        List<String> written = new CopyOnWriteArrayList<>();
        CountDownLatch releaseA = new CountDownLatch(1);
        // "a..." and "b..." hash to different writers of two: 'a' is odd, 'b' even.
        groupCommit = GroupCommit.<String, Integer>builder("test-writer", batch -> {
            for (GroupCommit.Item<String, Integer> item : batch) {
                if (item.value().equals("a1")) {
                    firstBatchStarted.countDown();
                    releaseA.await();
                }
                written.add(item.value() + "@" + Thread.currentThread().getName());
                item.complete(item.value().length());
            }
        }).writers(2, value -> value.substring(0, 1)).queueCapacity(100).batchSize(100)
                .meters(registry, "test.group").build();
        groupCommit.start();

        CompletableFuture<Integer> a1 = groupCommit.submit("a1").toCompletableFuture();
        assertTrue(firstBatchStarted.await(5, TimeUnit.SECONDS));
        CompletableFuture<Integer> a2 = groupCommit.submit("a2").toCompletableFuture();
        CompletableFuture<Integer> b1 = groupCommit.submit("b1").toCompletableFuture();

        assertEquals(2, b1.get(5, TimeUnit.SECONDS), "another key's writer commits while the first is busy");
        assertFalse(a1.isDone());
        assertFalse(a2.isDone(), "a key's later item waits for its writer");
        releaseA.countDown();
        a2.get(5, TimeUnit.SECONDS);

        assertEquals(List.of("b1@test-writer-0", "a1@test-writer-1", "a2@test-writer-1"), written);
    }

    /** Refuses, as a database would, every batch that holds "poison"; answers every other item with its length. */
    private final BatchWriter<String, Integer> poisonRefusingWriter = batch -> {
        batches.add(batch.stream().map(GroupCommit.Item::value).toList());
        firstBatchStarted.countDown();
        releaseFirstBatch.await();
        if (batch.stream().anyMatch(item -> item.value().startsWith("poison"))) {
            throw new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021");
        }
        batch.forEach(item -> item.complete(item.value().length()));
    };

    @Test
    void aPoisonedItemCostsOnlyItselfWhileEveryOtherItemOfItsBatchIsWritten() throws Exception {
        groupCommit = GroupCommit.builder("test-writer", poisonRefusingWriter).queueCapacity(100).batchSize(100)
                .onPoisoned((item, failure) -> item.complete(-1)).meters(registry, "test.group").build();
        groupCommit.start();
        groupCommit.submit("first");
        assertTrue(firstBatchStarted.await(5, TimeUnit.SECONDS));
        List<String> values = List.of("a", "bb", "ccc", "poison", "dddd", "eeeee", "ffffff", "ggggggg", "hhhhhhhh");
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        values.forEach(value -> answers.add(groupCommit.submit(value).toCompletableFuture()));

        releaseFirstBatch.countDown();

        for (int i = 0; i < values.size(); i++) {
            int expected = values.get(i).equals("poison") ? -1 : values.get(i).length();
            assertEquals(expected, answers.get(i).get(5, TimeUnit.SECONDS), values.get(i));
        }
        assertEquals(1.0, registry.get("test.group.poisoned").counter().count());
        assertTrue(registry.get("test.group.batch.split").counter().count() >= 3, "halved until the poison was alone");
        assertTrue(batches.contains(List.of("poison")), "the poison was tried alone: " + batches);
    }

    @Test
    void severalPoisonedItemsInOneBatchAreEachSetApartAndNoHonestItemFails() throws Exception {
        groupCommit = GroupCommit.builder("test-writer", poisonRefusingWriter).queueCapacity(100).batchSize(100)
                .meters(registry, "test.group").build();
        groupCommit.start();
        groupCommit.submit("first");
        assertTrue(firstBatchStarted.await(5, TimeUnit.SECONDS));
        List<CompletableFuture<Integer>> honest = new ArrayList<>();
        List<CompletableFuture<Integer>> poisoned = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            (i % 17 == 3 ? poisoned : honest).add(groupCommit.submit((i % 17 == 3 ? "poison" : "honest") + i)
                    .toCompletableFuture());
        }

        releaseFirstBatch.countDown();

        for (CompletableFuture<Integer> answer : honest) {
            assertTrue(answer.get(5, TimeUnit.SECONDS) > 0);
        }
        for (CompletableFuture<Integer> answer : poisoned) {
            CompletionException failure = assertThrows(CompletionException.class, answer::join);
            assertInstanceOf(NotWrittenException.class, failure.getCause(), "without a handler a poisoned item fails");
        }
        assertEquals(3.0, registry.get("test.group.poisoned").counter().count(), "items 3, 20 and 37");
    }

    @Test
    void aTransientFailureFailsTheWholeBatchAtOnceWithoutSplittingIt() throws Exception {
        groupCommit = GroupCommit.<String, Integer>builder("test-writer", batch -> {
            batches.add(batch.stream().map(GroupCommit.Item::value).toList());
            firstBatchStarted.countDown();
            releaseFirstBatch.await();
            throw new SQLTransientConnectionException("connection refused", "08001");
        }).queueCapacity(100).batchSize(100).meters(registry, "test.group").build();
        groupCommit.start();
        CompletableFuture<Integer> first = groupCommit.submit("first").toCompletableFuture();
        assertTrue(firstBatchStarted.await(5, TimeUnit.SECONDS));
        List<CompletableFuture<Integer>> queued = new ArrayList<>();
        for (String value : List.of("a", "b", "c", "d")) {
            queued.add(groupCommit.submit(value).toCompletableFuture());
        }

        releaseFirstBatch.countDown();

        assertThrows(CompletionException.class, first::join);
        for (CompletableFuture<Integer> answer : queued) {
            CompletionException failure = assertThrows(CompletionException.class, answer::join);
            assertFalse(assertInstanceOf(NotWrittenException.class, failure.getCause()).busy());
        }
        assertEquals(List.of(List.of("first"), List.of("a", "b", "c", "d")), batches);
        assertEquals(0.0, registry.get("test.group.batch.split").counter().count());
    }

    @Test
    void aWriterBuiltToRetryKeepsATransientlyFailedBatchAndWritesItOnceTheDatabaseIsBack() throws Exception {
        List<Integer> failuresLeft = new CopyOnWriteArrayList<>(List.of(1, 2));
        groupCommit = GroupCommit.<String, Integer>builder("test-writer", batch -> {
            batches.add(batch.stream().map(GroupCommit.Item::value).toList());
            if (!failuresLeft.isEmpty()) {
                failuresLeft.remove(0);
                throw new SQLTransientConnectionException("connection refused", "08001");
            }
            batch.forEach(item -> item.complete(item.value().length()));
        }).retryTransientAfter(Duration.ofMillis(50)).queueCapacity(100).batchSize(100)
                .meters(registry, "test.group").build();
        groupCommit.start();

        assertEquals(4, groupCommit.submit("kept").toCompletableFuture().get(5, TimeUnit.SECONDS));

        assertEquals(List.of(List.of("kept"), List.of("kept"), List.of("kept")), batches);
    }
}
