package org.kollussuite.simulator.report;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.kollussuite.simulator.http.Answer;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The measured attempts of one callback type: how many were sent, how they were answered, and the
 * latency of each counted from the time it was due, in microseconds.
 */
public final class TypeStats {

    private final Histogram latencies = new ConcurrentHistogram(3);
    private final AtomicLong sent = new AtomicLong();
    private final Map<String, Long> notOk = new TreeMap<>();

    public void record(Answer answer, long latencyNanos) {
        sent.incrementAndGet();
        latencies.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(latencyNanos)));
        if (!answer.ok()) {
            synchronized (notOk) {
                notOk.merge(answer.failure() != null ? answer.failure() : Integer.toString(answer.status()), 1L, Long::sum);
            }
        }
    }

    public long sent() {
        return sent.get();
    }

    /** Answers other than 200 by status, and failures (timeout, connection failed) by kind. */
    public Map<String, Long> notOk() {
        synchronized (notOk) {
            return new TreeMap<>(notOk);
        }
    }

    /** The latency at {@code percentile} (0-100) in milliseconds; 0 when nothing was recorded. */
    public double millisAt(double percentile) {
        return latencies.getTotalCount() == 0 ? 0 : latencies.getValueAtPercentile(percentile) / 1000.0;
    }

    public double maxMillis() {
        return latencies.getTotalCount() == 0 ? 0 : latencies.getMaxValue() / 1000.0;
    }
}
