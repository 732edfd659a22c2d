package org.kollussuite.commons.api;

import org.kollussuite.commons.text.InputLimits;
import org.kollussuite.commons.text.StorableText;

import java.time.Instant;

/**
 * Checks of admin API input that the database would otherwise refuse with an error: text filters and ids
 * (no control character, at most {@link InputLimits#KEY} characters) and instants (years 1 to 9999).
 */
public final class AdminInput {

    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private AdminInput() {
    }

    /** {@code value} of the filter or id {@code name}, or 400 {@code invalid_parameter}; null stays null. */
    public static String text(String name, String value) {
        String problem = problemOf(name, value);
        if (problem != null) {
            throw RejectedRequestException.badRequest("invalid_parameter", problem);
        }
        return value;
    }

    /** What is wrong with the text {@code value} of {@code name}, or null when nothing is. */
    public static String problemOf(String name, String value) {
        if (value == null) {
            return null;
        }
        if (StorableText.hasControlCharacter(value)) {
            return name + " contains a control character";
        }
        if (value.length() > InputLimits.KEY) {
            return name + " is longer than " + InputLimits.KEY + " characters";
        }
        return null;
    }

    /** What is wrong with the instant {@code value} of {@code name}, or null when nothing is. */
    public static String problemOf(String name, Instant value) {
        if (value != null && (value.isBefore(EARLIEST) || value.isAfter(LATEST))) {
            return name + " must be between " + EARLIEST + " and " + LATEST;
        }
        return null;
    }

    /** {@code value} of the instant {@code name}, or 400 {@code invalid_parameter}; null stays null. */
    public static Instant instant(String name, Instant value) {
        String problem = problemOf(name, value);
        if (problem != null) {
            throw RejectedRequestException.badRequest("invalid_parameter", problem);
        }
        return value;
    }
}
