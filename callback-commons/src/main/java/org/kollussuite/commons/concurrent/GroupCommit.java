package org.kollussuite.commons.concurrent;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jboss.logging.Logger;
import org.kollussuite.commons.persistence.TransientFailures;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

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
 * <p>One item the writer refuses for a reason in its data (anything but a transient failure such as a
 * lost connection) costs only itself: the batch is split in halves, and each half written again, until
 * the offending item is alone; that item then gets the outcome its {@link PoisonHandler} gives it, and
 * every other item is written as usual. A transient failure fails the items still unwritten at once,
 * so that a database outage is never retried item by item; a writer whose callers do not wait (events
 * written in the background) can instead keep the batch and write it again after a pause, for as long as
 * it runs ({@link Builder#retryTransientAfter}).
 *
 * <p>Meters, under the given prefix: {@code .batch.size}, {@code .batch.commit}, {@code .batch.split},
 * {@code .batch.failures} (transient), {@code .poisoned} and {@code .queue.pending}.
 */
public final class GroupCommit<T, R> {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);
    private static final int MAX_REASON = 300;

    /** Writes a whole batch, typically in one transaction. */
    @FunctionalInterface
    public interface BatchWriter<T, R> {

        /**
         * Writes every item and completes each one's result; an item left incomplete, or every item
         * when this throws, fails with the exception {@link GroupCommit} was built with.
         */
        void write(List<Item<T, R>> batch) throws Exception;
    }

    /** Gives an item that the writer refused on its own, for a reason in its data, an outcome of its own. */
    @FunctionalInterface
    public interface PoisonHandler<T, R> {

        /**
         * Completes {@code item} with its own outcome (stored apart, dropped and counted, written cleaned);
         * an item left incomplete, or when this throws, fails with a {@link NotWrittenException}.
         */
        void isolate(Item<T, R> item, Exception failure) throws Exception;
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

        boolean done() {
            return result.isDone();
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
    private final PoisonHandler<T, R> poisonHandler;
    private final Predicate<Throwable> transientFailure;
    private final Duration retryPause;
    private final Function<? super T, ?> partitionKey;
    private final List<BlockingQueue<Item<T, R>>> queues = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final int batchSize;
    private final DistributionSummary batchSizes;
    private final Timer commits;
    private final Counter splits;
    private final Counter failures;
    private final Counter poisoned;
    private volatile boolean accepting = true;
    private volatile boolean running = true;

    private GroupCommit(Builder<T, R> builder) {
        this.name = builder.name;
        this.writer = builder.writer;
        this.poisonHandler = builder.poisonHandler;
        this.transientFailure = builder.transientFailure;
        this.retryPause = builder.retryPause;
        this.partitionKey = builder.partitionKey;
        for (int i = 0; i < builder.writers; i++) {
            queues.add(new ArrayBlockingQueue<>(Math.max(1, builder.queueCapacity / builder.writers)));
        }
        this.batchSize = builder.batchSize;
        MeterRegistry registry = builder.registry;
        String prefix = builder.meterPrefix;
        this.batchSizes = DistributionSummary.builder(prefix + ".batch.size")
                .description("Items committed per transaction").publishPercentileHistogram().register(registry);
        this.commits = Timer.builder(prefix + ".batch.commit")
                .description("Time to write and commit one batch").publishPercentileHistogram().register(registry);
        this.splits = Counter.builder(prefix + ".batch.split")
                .description("Batches split in halves because the writer refused one of their items").register(registry);
        this.failures = Counter.builder(prefix + ".batch.failures")
                .description("Writes of a batch that failed for a transient reason, such as a lost connection")
                .register(registry);
        this.poisoned = Counter.builder(prefix + ".poisoned")
                .description("Items the writer refused on their own, for a reason in their data").register(registry);
        registry.gauge(prefix + ".queue.pending", List.of(), queues,
                all -> all.stream().mapToInt(BlockingQueue::size).sum());
    }

    /** A group commit named {@code name} (its threads' name) that hands its batches to {@code writer}. */
    public static <T, R> Builder<T, R> builder(String name, BatchWriter<T, R> writer) {
        return new Builder<>(name, writer);
    }

    /** Settings of a {@link GroupCommit}; only the meters have no default. */
    public static final class Builder<T, R> {

        private final String name;
        private final BatchWriter<T, R> writer;
        private int writers = 1;
        private Function<? super T, ?> partitionKey = value -> 0;
        private int queueCapacity = 10_000;
        private int batchSize = 500;
        private PoisonHandler<T, R> poisonHandler = (item, failure) -> {
        };
        private Predicate<Throwable> transientFailure = TransientFailures::isTransient;
        private Duration retryPause;
        private MeterRegistry registry;
        private String meterPrefix;

        private Builder(String name, BatchWriter<T, R> writer) {
            this.name = name;
            this.writer = writer;
        }

        /** {@code writers} writers, an item going to the one its {@code partitionKey} hashes to. */
        public Builder<T, R> writers(int writers, Function<? super T, ?> partitionKey) {
            if (writers < 1) {
                throw new IllegalArgumentException(name + ": at least one writer is needed, not " + writers);
            }
            this.writers = writers;
            this.partitionKey = partitionKey;
            return this;
        }

        /** Items waiting at most, shared equally by the writers; one more is refused as busy. */
        public Builder<T, R> queueCapacity(int queueCapacity) {
            this.queueCapacity = queueCapacity;
            return this;
        }

        /** Items handed to the writer at once at most. */
        public Builder<T, R> batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** What becomes of an item refused on its own; without one, it fails with a {@link NotWrittenException}. */
        public Builder<T, R> onPoisoned(PoisonHandler<T, R> poisonHandler) {
            this.poisonHandler = poisonHandler;
            return this;
        }

        /** Which failures say nothing about the data (retry later); by default the database's ({@link TransientFailures}). */
        public Builder<T, R> transientWhen(Predicate<Throwable> transientFailure) {
            this.transientFailure = transientFailure;
            return this;
        }

        /**
         * Keeps a batch that failed transiently and writes it again after {@code pause}, until it is written
         * or the group commit stops; without this, its items fail at once.
         */
        public Builder<T, R> retryTransientAfter(Duration pause) {
            this.retryPause = pause;
            return this;
        }

        /** Where the meters go, and their names' prefix. */
        public Builder<T, R> meters(MeterRegistry registry, String meterPrefix) {
            this.registry = registry;
            this.meterPrefix = meterPrefix;
            return this;
        }

        public GroupCommit<T, R> build() {
            if (registry == null) {
                throw new IllegalStateException(name + ": meters(registry, prefix) is required");
            }
            return new GroupCommit<>(this);
        }
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
        Exception failure = attempt(batch);
        if (failure == null) {
            commits.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            batchSizes.record(batch.size());
            failUnwritten(batch, null);
        } else if (transientFailure.test(failure)) {
            LOG.warnf("%s: a batch of %d could not be written: %s", name, batch.size(), describe(failure));
            retryOrFail(batch, failure);
        } else {
            isolate(batch, failure);
        }
    }

    /** After a transient failure: writes the batch again after each pause while running, if so built; else fails it. */
    private void retryOrFail(List<Item<T, R>> batch, Exception failure) {
        Exception last = failure;
        while (retryPause != null && pause()) {
            last = attempt(batch);
            if (last == null) {
                LOG.infof("%s: a batch of %d was written after a transient failure", name, batch.size());
                batchSizes.record(batch.size());
                failUnwritten(batch, null);
                return;
            }
            if (!transientFailure.test(last)) {
                isolate(batch, last);
                return;
            }
            LOG.debugf("%s: a batch of %d still cannot be written: %s", name, batch.size(), describe(last));
        }
        failUnwritten(batch, last);
    }

    /** Waits {@link #retryPause}, cut short when stopping; answers whether still running. */
    private boolean pause() {
        long end = System.nanoTime() + retryPause.toNanos();
        try {
            while (running && System.nanoTime() < end) {
                Thread.sleep(Math.max(1, Math.min(100, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return running;
    }

    /** Writes the items of {@code batch} still unanswered; null when that succeeded, else why not. */
    private Exception attempt(List<Item<T, R>> batch) {
        List<Item<T, R>> unwritten = batch.stream().filter(item -> !item.done()).toList();
        if (unwritten.isEmpty()) {
            return null;
        }
        try {
            writer.write(unwritten);
            return null;
        } catch (Exception e) {
            if (transientFailure.test(e)) {
                failures.increment();
            }
            return e;
        }
    }

    /** Splits a batch refused for its data until each offending item is alone; the others are written. */
    private void isolate(List<Item<T, R>> batch, Exception failure) {
        List<Item<T, R>> unwritten = batch.stream().filter(item -> !item.done()).toList();
        if (unwritten.size() == 1) {
            poison(unwritten.get(0), failure);
            return;
        }
        if (unwritten.isEmpty()) {
            return;
        }
        splits.increment();
        int half = unwritten.size() / 2;
        for (List<Item<T, R>> part : List.of(unwritten.subList(0, half), unwritten.subList(half, unwritten.size()))) {
            Exception partFailure = attempt(part);
            if (partFailure == null) {
                batchSizes.record(part.size());
                failUnwritten(part, null);
            } else if (transientFailure.test(partFailure)) {
                LOG.warnf("%s: %d items could not be written: %s", name, unwritten.size(), describe(partFailure));
                retryOrFail(unwritten, partFailure);
                return;
            } else {
                isolate(part, partFailure);
            }
        }
    }

    private void poison(Item<T, R> item, Exception failure) {
        poisoned.increment();
        LOG.warnf("%s: one item was refused for its data and is set apart, the others are written: %s",
                name, describe(failure));
        try {
            poisonHandler.isolate(item, failure);
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
        failUnwritten(List.of(item), failure);
    }

    /**
     * What the database said, without the statement and values a batch failure quotes: those can hold
     * the callers' data, and the log needs only the reason.
     */
    public static String describe(Throwable failure) {
        Throwable reason = failure;
        while (!(reason instanceof SQLException) && reason.getCause() != null && reason.getCause() != reason) {
            reason = reason.getCause();
        }
        if (reason instanceof SQLException sql && sql.getNextException() != null) {
            reason = sql.getNextException();
        }
        String message = String.valueOf(reason.getMessage());
        int statement = message.indexOf("\n");
        message = statement < 0 ? message : message.substring(0, statement);
        String state = reason instanceof SQLException sql && sql.getSQLState() != null ? " [" + sql.getSQLState() + "]" : "";
        return reason.getClass().getSimpleName() + state + ": "
                + (message.length() > MAX_REASON ? message.substring(0, MAX_REASON) + "..." : message);
    }

    private static <T, R> void failUnwritten(List<Item<T, R>> items, Exception failure) {
        NotWrittenException notWritten = null;
        for (Item<T, R> item : items) {
            if (!item.done()) {
                notWritten = notWritten == null ? new NotWrittenException("the write failed", false, failure) : notWritten;
                item.fail(notWritten);
            }
        }
    }
}
