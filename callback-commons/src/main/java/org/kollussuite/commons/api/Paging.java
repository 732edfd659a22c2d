package org.kollussuite.commons.api;

/** Bounds of the admin APIs' lists: {@code limit} and {@code offset} query parameters. */
public final class Paging {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private Paging() {
    }

    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw RejectedRequestException.badRequest("invalid_parameter", "limit must be between 1 and " + MAX_LIMIT);
        }
        return requested;
    }

    public static int offset(Integer requested) {
        if (requested == null) {
            return 0;
        }
        if (requested < 0) {
            throw RejectedRequestException.badRequest("invalid_parameter", "offset must not be negative");
        }
        return requested;
    }
}
