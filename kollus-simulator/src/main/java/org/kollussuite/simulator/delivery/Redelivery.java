package org.kollussuite.simulator.delivery;

import org.kollussuite.simulator.http.Answer;
import org.kollussuite.simulator.http.CallbackClient;
import org.kollussuite.simulator.wire.CallbackRequest;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Kollus' way of insisting: a failed attempt, as {@link RetryOn} defines it, is sent again, unchanged,
 * {@code interval} later, at most {@code retries} times, then given up. Kollus servers send a platform
 * callback again after any failure (3 retries, 5 minutes apart); players keep an LMS snapshot and send
 * it again only when it got no HTTP answer at all, so any answer ends its delivery.
 */
public final class Redelivery {

    /** Which failed attempts are sent again. */
    public enum RetryOn {
        /** Anything but a 200 in time: how Kollus servers treat platform callbacks. */
        NOT_OK,
        /** Only no HTTP answer (refused, reset, closed, timeout): how players treat LMS snapshots. */
        NO_ANSWER;

        boolean retries(Answer answer) {
            return this == NOT_OK ? !answer.ok() : !answer.answered();
        }
    }

    /** Told of every attempt, first or retry, with the time it was due, so latency includes any wait. */
    @FunctionalInterface
    public interface AttemptListener {
        void attempted(CallbackRequest request, int attempt, long dueNanos, Answer answer);
    }

    /** The end of one callback's delivery: its last answer and whether it was a success. */
    public record Delivery(CallbackRequest request, Answer lastAnswer, int attempts, boolean delivered) {
    }

    /**
     * What happened to the callbacks given to this redelivery so far; {@code givenUp} counts those
     * dropped without a 200, after their retries or at an answer that is not retried.
     */
    public record Counts(long deliveredFirstTime, long deliveredOnRetry, long givenUp, long retries, long pending) {
    }

    private final CallbackClient client;
    private final ScheduledExecutorService scheduler;
    private final Duration interval;
    private final int retries;
    private final RetryOn retryOn;
    private final AttemptListener listener;
    private final AtomicLong deliveredFirstTime = new AtomicLong();
    private final AtomicLong deliveredOnRetry = new AtomicLong();
    private final AtomicLong givenUp = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();

    public Redelivery(CallbackClient client, ScheduledExecutorService scheduler, Duration interval, int retries,
                      RetryOn retryOn, AttemptListener listener) {
        this.client = client;
        this.scheduler = scheduler;
        this.interval = interval;
        this.retries = retries;
        this.retryOn = retryOn;
        this.listener = listener;
    }

    /** Sends {@code request}, due at {@code dueNanos} ({@link System#nanoTime()}), and retries it as Kollus does. */
    public CompletableFuture<Delivery> deliver(CallbackRequest request, long dueNanos) {
        pending.incrementAndGet();
        CompletableFuture<Delivery> result = new CompletableFuture<>();
        attempt(request, 1, dueNanos, result);
        return result.whenComplete((delivery, ignored) -> pending.decrementAndGet());
    }

    public Counts counts() {
        return new Counts(deliveredFirstTime.get(), deliveredOnRetry.get(), givenUp.get(), retried.get(), pending.get());
    }

    private void attempt(CallbackRequest request, int attempt, long dueNanos, CompletableFuture<Delivery> result) {
        client.send(request).thenAccept(answer -> {
            listener.attempted(request, attempt, dueNanos, answer);
            if (!retryOn.retries(answer) || attempt > retries) {
                (answer.ok() ? (attempt == 1 ? deliveredFirstTime : deliveredOnRetry) : givenUp).incrementAndGet();
                result.complete(new Delivery(request, answer, attempt, answer.ok()));
                return;
            }
            retried.incrementAndGet();
            long nextDue = System.nanoTime() + interval.toNanos();
            scheduler.schedule(() -> attempt(request, attempt + 1, nextDue, result), interval.toNanos(),
                    TimeUnit.NANOSECONDS);
        }).exceptionally(failure -> {
            // A failing listener must not leave the delivery, and whoever waits for it, pending forever.
            result.completeExceptionally(failure);
            return null;
        });
    }
}
