package org.kollussuite.commons.text;

import java.util.LinkedHashMap;
import java.util.Map;

/** Cuts what callers sent to the sizes the suite stores, so an oversized value never fails a write. */
public final class Truncation {

    /** Longest parameter name kept. */
    public static final int MAX_NAME = 200;
    /** Longest parameter value kept in a rejected-callback record. */
    public static final int MAX_VALUE = 4000;

    private Truncation() {
    }

    public static String truncate(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }

    /**
     * {@code parameters} with every name and value cut to {@link #MAX_NAME} and {@link #MAX_VALUE}, control
     * characters escaped ({@link StorableText}), so that a record of refused input can always be stored.
     */
    public static Map<String, String> parameters(Map<String, String> parameters) {
        Map<String, String> copy = new LinkedHashMap<>();
        parameters.forEach((name, value) -> copy.put(StorableText.escaped(truncate(name, MAX_NAME)),
                StorableText.escaped(truncate(value, MAX_VALUE))));
        return copy;
    }
}
