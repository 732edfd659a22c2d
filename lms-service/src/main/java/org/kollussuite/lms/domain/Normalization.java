package org.kollussuite.lms.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A rule by which an imperfect LMS value was read rather than refused (kollus-callbacks.md §9.12); the
 * fixed set of {@code rule} labels of {@code kollus_lms_normalized_values_total}.
 */
public enum Normalization {

    /** A fraction was truncated: HTML5 players report media time with decimals. */
    FRACTION_TRUNCATED,
    /** A negative time, position, count or percent became 0. */
    NEGATIVE_ZEROED,
    /** A percent was clamped to 0..100. */
    PERCENT_CLAMPED,
    /** A block flag other than 0 and 1 counted as watched. */
    FLAG_NONZERO,
    /** The last position past the duration became the duration. */
    POSITION_CLAMPED,
    /** A block key outside 0..block count - 1 was ignored. */
    BLOCK_OUT_OF_RANGE,
    /** A block count above the service's limit counted as no block information. */
    BLOCK_COUNT_OVER_LIMIT,
    /** A session's playtime beyond what any viewing can reach (30 days) was capped. */
    VALUE_CAPPED;

    /** The metric label and stored name: {@code fraction_truncated}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    int bit() {
        return 1 << ordinal();
    }

    /** The labels of the rules set in {@code mask}, in declaration order. */
    public static List<String> labels(int mask) {
        List<String> labels = new ArrayList<>();
        for (Normalization rule : values()) {
            if ((mask & rule.bit()) != 0) {
                labels.add(rule.label());
            }
        }
        return labels;
    }

    /** Whether {@code mask} holds this rule. */
    public boolean in(int mask) {
        return (mask & bit()) != 0;
    }
}
