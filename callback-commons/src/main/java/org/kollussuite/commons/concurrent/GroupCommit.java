package org.kollussuite.commons.concurrent;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Group commit: items wait in a short bounded queue while the previous batch commits, then a writer
 * thread hands everything that arrived to the {@link BatchWriter} at once, so one transaction serves
 * many callers and each caller's future completes only after that commit. Under load batches grow by
 * themselves; an idle service commits each item at once.
 *
 * <p>With several writers, each owns a queue and a share of the items chosen by the item's partition
 * key: items with equal keys always meet in the same writer, in submission order, so two writers never
 * touch the same rows, while one writer's round trips to the database overlap another's work.
 *
 * <p>Meters, under the given prefix: {@code .batch.size}, {@code .batch.commit} and {@code .queue.pending}.
 */
public final class GroupCommit<T, R> {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);

    /** Writes a whole batch, typically in one transaction. */
    @FunctionalInterface
    public interface BatchWriter<T, R> {

        /**
         * Writes every item and completes each one's result; an item left incomplete, or every item
         * when this throws, fails with the exception {@link GroupCommit} was built with.
         */
        void write(List<Item<T, R>> batch) throws Exception;
    }

    /** One submitted item and the result its caller waits for. */
    public static final class Item<T, R> {

        private final T value;
        private final CompletableFuture<R> result = new CompletableFuture<>();

        private Item(T value) {
            this.value = value;
        }

        public T value() {
            return value;
        }

        public void complete(R outcome) {
            result.complete(outcome);
        }

        public void fail(Throwable failure) {
            result.completeExceptionally(failure);
        }
    }

    /** Why an item was not taken or not written; the caller turns it into its own answer. */
    public static final class NotWrittenException extends RuntimeException {

        private final boolean busy;

        NotWrittenException(String message, boolean busy, Throwable cause) {
            super(message, cause, false, false);
            this.busy = busy;
        }

        /** Whether the queue was full or the writer stopping, rather than the write failing. */
        public boolean busy() {
            return busy;
        }
    }

    private final String name;
    private final BatchWriter<T, R> writer;
    private final Function<? super T, ?> partitionKey;
    private final List<BlockingQueue<Item<T, R>>> queues = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final int batchSize;
    private final DistributionSummary batchSizes;
    private final Timer commits;
    private volatile boolean accepting = true;
    private volatile boolean running = true;

    /** A single writer. */
    public GroupCommit(String name, int queueCapacity, int batchSize, BatchWriter<T, R> writer,
                       MeterRegistry registry, String meterPrefix) {
        this(name, 1, value -> name, queueCapacity, batchSize, writer, registry, meterPrefix);
    }

    /**
     * {@code writers} writers, each with an equal share of {@code queueCapacity}, an item going to the
     * writer its {@code partitionKey} hashes to.
     */
    public GroupCommit(String name, int writers, Function<? super T, ?> partitionKey, int queueCapacity,
                       int batchSize, BatchWriter<T, R> writer, MeterRegistry registry, String meterPrefix) {
        if (writers < 1) {
            throw new IllegalArgumentException(name + ": at least one writer is needed, not " + writers);
        }
        this.name = name;
        this.writer = writer;
        this.partitionKey = partitionKey;
        for (int i = 0; i < writers; i++) {
            queues.add(new ArrayBlockingQueue<>(Math.max(1, queueCapacity / writers)));
        }
        this.batchSize = batchSize;
        this.batchSizes = DistributionSummary.builder(meterPrefix + ".batch.size")
                .description("Items committed per transaction").publishPercentileHistogram().register(registry);
        this.commits = Timer.builder(meterPrefix + ".batch.commit")
                .description("Time to write and commit one batch").publishPercentileHistogram().register(registry);
        registry.gauge(meterPrefix + ".queue.pending", List.of(), queues,
                all -> all.stream().mapToInt(BlockingQueue::size).sum());
    }

    /** Queues {@code value}; the stage completes after its batch committed, or fails with {@link NotWrittenException}. */
    public CompletionStage<R> submit(T value) {
        Item<T, R> item = new Item<>(value);
        if (!accepting) {
            item.fail(new NotWrittenException("the service is stopping", true, null));
        } else if (!queueOf(value).offer(item)) {
            item.fail(new NotWrittenException("too many writes are waiting", true, null));
        }
        return item.result;
    }

    private BlockingQueue<Item<T, R>> queueOf(T value) {
        return queues.size() == 1 ? queues.get(0)
                : queues.get(Math.floorMod(partitionKey.apply(value).hashCode(), queues.size()));
    }

    /** Starts the writer threads. */
    public void start() {
        for (int i = 0; i < queues.size(); i++) {
            BlockingQueue<Item<T, R>> queue = queues.get(i);
            Thread thread = new Thread(() -> run(queue), queues.size() == 1 ? name : name + "-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    /** Stops taking items, then writes what is queued, waiting at most {@code timeout} in all. */
    public void stop(Duration timeout) throws InterruptedException {
        accepting = false;
        running = false;
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread thread : threads) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
    }

    private void run(BlockingQueue<Item<T, R>> queue) {
        List<Item<T, R>> batch = new ArrayList<>(batchSize);
        while (running || !queue.isEmpty()) {
            try {
                Item<T, R> first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Item<T, R>> batch) {
        long start = System.nanoTime();
        Exception failure = null;
        try {
            writer.write(batch);
            commits.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            batchSizes.record(batch.size());
        } catch (Exception e) {
            LOG.warnf("%s: a batch of %d could not be written: %s", name, batch.size(), e.toString());
            failure = e;
        }
        NotWrittenException notWritten = null;
        for (Item<T, R> item : batch) {
            if (!item.result.isDone()) {
                notWritten = notWritten == null ? new NotWrittenException("the write failed", false, failure) : notWritten;
                item.fail(notWritten);
            }
        }
    }
}
