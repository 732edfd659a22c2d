package org.kollussuite.notifier.api;

import org.kollussuite.commons.api.AdminInput;
import org.kollussuite.commons.api.Paging;
import org.kollussuite.commons.api.RejectedRequestException;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads the notifier's admin parameters from their text, which {@link AdminInput} then bounds: optional
 * filters, numeric ids, instants, page sizes and offsets, each answered {@code 400 invalid_parameter}
 * when it cannot be read, so that nothing unreadable reaches the database.
 */
public final class AdminParameters {

    public static final String INVALID = "invalid_parameter";

    private AdminParameters() {
    }

    /** An optional filter or name: null when absent or blank, else bounded by {@link AdminInput#text}. */
    public static String filter(String name, String value) {
        return value == null || value.isBlank() ? null : AdminInput.text(name, value);
    }

    /** A numeric id of a path: a positive whole number that fits a long. */
    public static long id(String name, String value) {
        try {
            long id = Long.parseLong(AdminInput.text(name, value));
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // Refused below, as a zero or negative id is.
        }
        throw invalid(name + " must be a positive whole number");
    }

    /** An optional ISO-8601 instant within {@link AdminInput#EARLIEST} and {@link AdminInput#LATEST}. */
    public static Instant instant(String name, String value) {
        String text = filter(name, value);
        if (text == null) {
            return null;
        }
        try {
            return AdminInput.instant(name, Instant.parse(text));
        } catch (DateTimeParseException e) {
            throw invalid(name + " is not an ISO-8601 instant such as 2026-01-31T00:00:00Z");
        }
    }

    /** The page size of a list, {@link Paging#DEFAULT_LIMIT} when absent. */
    public static int limit(String value) {
        return Paging.limit(number("limit", value, "limit must be between 1 and " + Paging.MAX_LIMIT));
    }

    /** How many rows of a list to skip, 0 when absent. */
    public static int offset(String value) {
        return Paging.offset(number("offset", value, "offset must be a whole number, 0 or more"));
    }

    private static Integer number(String name, String value, String refusal) {
        String text = filter(name, value);
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw invalid(refusal);
        }
    }

    static RejectedRequestException invalid(String message) {
        return RejectedRequestException.badRequest(INVALID, message);
    }
}
