package org.kollussuite.platform.api;

import org.kollussuite.commons.api.AdminInput;
import org.kollussuite.commons.api.Paging;
import org.kollussuite.commons.api.RejectedRequestException;
import org.kollussuite.commons.text.InputLimits;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads the admin API's query and path parameters within the contract's bounds (suite contract §7): anything
 * else answers 400 {@code invalid_parameter} before a query runs, never a 500 from the database.
 */
public final class AdminQuery {

    /** The largest {@code offset}: a page must still end within a 32-bit row position. */
    public static final int MAX_OFFSET = Integer.MAX_VALUE - Paging.MAX_LIMIT;

    private AdminQuery() {
    }

    /** An optional key or id: null when absent or blank; at most {@link InputLimits#KEY} characters, no control character. */
    public static String key(String name, String value) {
        // Checked before the blank test: Java counts some control characters (U+001C to U+001F) as white space.
        String checked = AdminInput.text(name, value);
        return checked == null || checked.isBlank() ? null : checked;
    }

    /** {@code limit}: 1 to {@link Paging#MAX_LIMIT}, {@link Paging#DEFAULT_LIMIT} when absent. */
    public static int limit(String value) {
        Long limit = integer("limit", value);
        if (limit != null && (limit < 1 || limit > Paging.MAX_LIMIT)) {
            throw invalid("limit must be between 1 and " + Paging.MAX_LIMIT);
        }
        return Paging.limit(limit == null ? null : limit.intValue());
    }

    /** {@code offset}: 0 to {@link #MAX_OFFSET}, 0 when absent. */
    public static int offset(String value) {
        Long offset = integer("offset", value);
        if (offset != null && (offset < 0 || offset > MAX_OFFSET)) {
            throw invalid("offset must be between 0 and " + MAX_OFFSET);
        }
        return Paging.offset(offset == null ? null : offset.intValue());
    }

    /**
     * An optional integer: a signed 64-bit one, written as digits or as an exact decimal ({@code 1.0});
     * a larger value is refused, never wrapped or saturated.
     */
    public static Long integer(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        BigDecimal number;
        try {
            number = new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            throw invalid(name + " must be an integer");
        }
        // Bounded before any exact conversion, so that 1e999999999 costs nothing.
        if (number.precision() - number.scale() > 19) {
            throw invalid(name + " does not fit a signed 64-bit integer");
        }
        try {
            return number.longValueExact();
        } catch (ArithmeticException e) {
            throw invalid(name + (number.stripTrailingZeros().scale() > 0 ? " must be an integer"
                    : " does not fit a signed 64-bit integer"));
        }
    }

    /** An optional ISO-8601 instant between {@link AdminInput#EARLIEST} and {@link AdminInput#LATEST}, inside PostgreSQL's range. */
    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw invalid(name + " is not an ISO-8601 instant such as 2026-01-31T00:00:00Z");
        }
        return AdminInput.instant(name, instant);
    }

    private static RejectedRequestException invalid(String message) {
        return RejectedRequestException.badRequest("invalid_parameter", message);
    }
}
