package org.kollussuite.commons.concurrent;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one task on a thread of its own whenever asked, never twice at once: requests made while a run
 * is queued merge into it, and a request made during a run queues exactly one more.
 */
public final class CoalescingWorker {

    private static final Logger LOG = Logger.getLogger(CoalescingWorker.class);

    private final String name;
    private final Runnable task;
    private final ExecutorService thread;
    private final AtomicBoolean queued = new AtomicBoolean();

    public CoalescingWorker(String name, Runnable task) {
        this.name = name;
        this.task = task;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread worker = new Thread(r, name);
            worker.setDaemon(true);
            return worker;
        });
    }

    /** Asks for a run soon. */
    public void request() {
        if (queued.compareAndSet(false, true)) {
            try {
                thread.execute(() -> {
                    queued.set(false);
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        LOG.warnf("%s failed: %s", name, e.toString());
                    }
                });
            } catch (RejectedExecutionException e) {
                queued.set(false);
            }
        }
    }

    /** Lets a running task finish, within {@code timeout}, and refuses further runs. */
    public void stop(Duration timeout) {
        thread.shutdown();
        try {
            thread.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
