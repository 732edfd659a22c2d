package org.kollussuite.simulator.load;

import org.kollussuite.simulator.delivery.KollusSender;
import org.kollussuite.simulator.verify.Violations;
import org.kollussuite.simulator.wire.CallbackType;
import org.kollussuite.simulator.wire.SuiteTarget;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends each callback type at its own constant rate, open loop: callback {@code i} of a type is due
 * at {@code start + i / rate} whatever happened to the earlier ones, and its latency counts from
 * that due time, so a stalling suite cannot hide its stall by slowing the sender down. Attempts due
 * during the warm-up are not measured; answers are checked throughout.
 */
public final class LoadRun {

    private final KollusSender sender;
    private final LoadTraffic traffic;
    private final Rates rates;
    private final Map<CallbackType, Violations> measuredViolations;
    private final Violations warmupViolations;
    private volatile long measureFrom;
    /** Callbacks sent whose delivery has not ended and been checked yet. */
    private final AtomicLong outstanding = new AtomicLong();

    LoadRun(KollusSender sender, LoadTraffic traffic, Rates rates, Map<CallbackType, Violations> measuredViolations,
            Violations warmupViolations) {
        this.sender = sender;
        this.traffic = traffic;
        this.rates = rates;
        this.measuredViolations = measuredViolations;
        this.warmupViolations = warmupViolations;
    }

    /**
     * Creates the run's traffic. Answers that broke the contract go to {@code measuredViolations} by type
     * when their callback was due in the measured window, to {@code warmupViolations} when it was due
     * during the warm-up, which is there for cold caches and JIT on both sides.
     */
    public static LoadRun create(KollusSender sender, SuiteTarget target, LoadSettings settings,
                                 Map<CallbackType, Violations> measuredViolations, Violations warmupViolations) {
        return new LoadRun(sender, new LoadTraffic(target, settings), settings.rates(), measuredViolations,
                warmupViolations);
    }

    /** Sends for {@code warmup} plus {@code duration}, then waits until every callback is delivered or given up. */
    public void run(Duration warmup, Duration duration) throws InterruptedException {
        long start = System.nanoTime();
        measureFrom = start + warmup.toNanos();
        long end = measureFrom + duration.toNanos();
        sender.measureFrom(measureFrom);
        List<Thread> drivers = new ArrayList<>();
        for (CallbackType type : rates.types()) {
            Thread driver = new Thread(() -> drive(type, rates.perSecond().get(type), start, end), "load-" + type.label());
            driver.setDaemon(true);
            driver.start();
            drivers.add(driver);
        }
        for (Thread driver : drivers) {
            driver.join();
        }
        // Retries follow Kollus' schedule, minutes apart unless scaled down: say why the run goes on.
        long lastNotice = System.nanoTime();
        while (outstanding.get() > 0) {
            if (System.nanoTime() - lastNotice > Duration.ofSeconds(10).toNanos()) {
                System.err.println("waiting for " + outstanding.get() + " callback(s) still being retried or re-sent");
                lastNotice = System.nanoTime();
            }
            Thread.sleep(50);
        }
    }

    private void drive(CallbackType type, double rate, long start, long end) {
        double intervalNanos = 1e9 / rate;
        for (long i = 0; ; i++) {
            long due = start + (long) (i * intervalNanos);
            if (due >= end) {
                return;
            }
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            LoadTraffic.Call call = traffic.next(type);
            outstanding.incrementAndGet();
            Violations violations = due >= measureFrom ? measuredViolations.get(type) : warmupViolations;
            sender.send(call.request(), due)
                    .thenAccept(delivery -> call.check().accept(delivery, violations.forCallback(call.request().description())))
                    .whenComplete((ignored, failure) -> outstanding.decrementAndGet());
        }
    }
}
