package org.kollussuite.simulator.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every way the suite's answers broke the contract, counted by category, with the first few cases
 * kept for the report. Thread-safe: load runs record from many threads.
 */
public final class Violations {

    /** One broken rule: its category, the callback that showed it, and what was wrong. */
    public record Violation(String category, String callback, String detail) {
        @Override
        public String toString() {
            return category + ": " + callback + ": " + detail;
        }
    }

    private static final int EXAMPLES = 20;

    private final Map<String, Long> counts = new TreeMap<>();
    private final List<Violation> examples = new ArrayList<>();

    public synchronized void add(String category, String callback, String detail) {
        counts.merge(category, 1L, Long::sum);
        if (examples.size() < EXAMPLES) {
            examples.add(new Violation(category, callback, detail));
        }
    }

    public synchronized long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    public synchronized Map<String, Long> byCategory() {
        return new TreeMap<>(counts);
    }

    public synchronized List<Violation> examples() {
        return List.copyOf(examples);
    }

    /** A sink that records under {@code callback}, for checks that only know the category and detail. */
    public Sink forCallback(String callback) {
        return (category, detail) -> add(category, callback, detail);
    }

    /** Where a check reports what it found wrong. */
    @FunctionalInterface
    public interface Sink {
        void violation(String category, String detail);
    }
}
