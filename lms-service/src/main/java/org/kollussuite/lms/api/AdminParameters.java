package org.kollussuite.lms.api;

import org.kollussuite.commons.api.AdminInput;
import org.kollussuite.commons.api.RejectedRequestException;

/**
 * Reads the admin API's parameters within the suite's bounded input (suite contract §7): what no stored
 * value can equal is refused with 400 {@code invalid_parameter} rather than sent to the database, and a
 * number is read here, so that a wrong one is a 400 too, not the framework's 404 of an unconvertible parameter.
 */
final class AdminParameters {

    private AdminParameters() {
    }

    /** An id or key, stripped and within {@link AdminInput#text}'s bounds; null when absent or blank. */
    static String id(String name, String value) {
        return value == null || value.isBlank() ? null : AdminInput.text(name, value.strip());
    }

    /** A whole number within {@code int}; null when absent or blank. */
    static Integer integer(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw invalid(name + " must be a whole number of at most " + Integer.MAX_VALUE);
        }
    }

    /** A required positive 64-bit id. */
    static long longId(String name, String value) {
        try {
            long id = Long.parseLong(value.strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // refused below, as a value out of range is
        }
        throw invalid(name + " must be a positive 64-bit whole number");
    }

    private static RejectedRequestException invalid(String message) {
        return RejectedRequestException.badRequest("invalid_parameter", message);
    }
}
