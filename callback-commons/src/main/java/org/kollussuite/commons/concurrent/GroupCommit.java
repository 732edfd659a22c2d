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

/**
 * Group commit: items wait in a short bounded queue while the previous batch commits, then a single
 * writer thread hands everything that arrived to the {@link BatchWriter} at once, so one transaction
 * serves many callers and each caller's future completes only after that commit. Under load batches
 * grow by themselves; an idle service commits each item at once.
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
    private final BlockingQueue<Item<T, R>> queue;
    private final int batchSize;
    private final DistributionSummary batchSizes;
    private final Timer commits;
    private volatile boolean accepting = true;
    private volatile boolean running = true;
    private Thread thread;

    public GroupCommit(String name, int queueCapacity, int batchSize, BatchWriter<T, R> writer,
                       MeterRegistry registry, String meterPrefix) {
        this.name = name;
        this.writer = writer;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.batchSize = batchSize;
        this.batchSizes = DistributionSummary.builder(meterPrefix + ".batch.size")
                .description("Items committed per transaction").publishPercentileHistogram().register(registry);
        this.commits = Timer.builder(meterPrefix + ".batch.commit")
                .description("Time to write and commit one batch").publishPercentileHistogram().register(registry);
        registry.gaugeCollectionSize(meterPrefix + ".queue.pending", List.of(), queue);
    }

    /** Queues {@code value}; the stage completes after its batch committed, or fails with {@link NotWrittenException}. */
    public CompletionStage<R> submit(T value) {
        Item<T, R> item = new Item<>(value);
        if (!accepting) {
            item.fail(new NotWrittenException("the service is stopping", true, null));
        } else if (!queue.offer(item)) {
            item.fail(new NotWrittenException("too many writes are waiting", true, null));
        }
        return item.result;
    }

    /** Starts the writer thread. */
    public void start() {
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops taking items, then writes what is queued, waiting at most {@code timeout}. */
    public void stop(Duration timeout) throws InterruptedException {
        accepting = false;
        running = false;
        if (thread != null) {
            thread.join(timeout.toMillis());
        }
    }

    private void run() {
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
