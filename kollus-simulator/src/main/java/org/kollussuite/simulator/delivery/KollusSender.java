package org.kollussuite.simulator.delivery;

import org.kollussuite.simulator.config.KollusBehaviour;
import org.kollussuite.simulator.http.CallbackClient;
import org.kollussuite.simulator.report.TypeStats;
import org.kollussuite.simulator.wire.CallbackRequest;
import org.kollussuite.simulator.wire.CallbackType;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Kollus' sending side: every callback goes out with Kollus' limits, platform callbacks are retried
 * after any failure as Kollus servers retry them, LMS snapshots are kept and re-sent only after no
 * HTTP answer as players do, and player callbacks get one attempt (no retry is documented for them).
 * Each attempt due from {@link #measureFrom} on is counted in its type's statistics.
 */
public final class KollusSender implements AutoCloseable {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "kollus-redelivery");
        thread.setDaemon(true);
        return thread;
    });
    private final CallbackClient client;
    private final Map<CallbackType, Redelivery> redeliveries = new EnumMap<>(CallbackType.class);
    private final Map<CallbackType, TypeStats> stats = new EnumMap<>(CallbackType.class);
    private volatile long measureFromNanos = Long.MIN_VALUE;

    public KollusSender(KollusBehaviour behaviour, Duration retryInterval, Duration lmsResendInterval, int maxInFlight,
                        Redelivery.AttemptListener observer) {
        this.client = new CallbackClient(behaviour.connectTimeout(), behaviour.responseTimeout(), maxInFlight);
        Redelivery.AttemptListener listener = (request, attempt, dueNanos, answer) -> {
            if (dueNanos >= measureFromNanos) {
                stats.get(request.type()).record(answer, System.nanoTime() - dueNanos);
            }
            observer.attempted(request, attempt, dueNanos, answer);
        };
        for (CallbackType type : CallbackType.values()) {
            stats.put(type, new TypeStats());
            Duration interval = type == CallbackType.LMS ? lmsResendInterval : retryInterval;
            int retries = switch (type) {
                case PLATFORM -> behaviour.platformRetries();
                case LMS -> behaviour.lmsResendAttempts();
                default -> 0;
            };
            // A player takes any HTTP answer, an error status included, as final: only silence makes it re-send.
            Redelivery.RetryOn retryOn = type == CallbackType.LMS ? Redelivery.RetryOn.NO_ANSWER : Redelivery.RetryOn.NOT_OK;
            redeliveries.put(type, new Redelivery(client, scheduler, interval, retries, retryOn, listener));
        }
    }

    /** Sends {@code request}, due at {@code dueNanos}; completes when it is delivered or given up. */
    public CompletableFuture<Redelivery.Delivery> send(CallbackRequest request, long dueNanos) {
        return redeliveries.get(request.type()).deliver(request, dueNanos);
    }

    public CompletableFuture<Redelivery.Delivery> send(CallbackRequest request) {
        return send(request, System.nanoTime());
    }

    /** Attempts due before {@code nanos} are not counted: the warm-up. */
    public void measureFrom(long nanos) {
        measureFromNanos = nanos;
    }

    public CallbackClient client() {
        return client;
    }

    public TypeStats stats(CallbackType type) {
        return stats.get(type);
    }

    public Redelivery.Counts counts(CallbackType type) {
        return redeliveries.get(type).counts();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
