package org.kollussuite.platform.api;

import org.kollussuite.commons.api.RejectedRequestException;

/** Bounds of the admin API's lists. */
final class Paging {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private Paging() {
    }

    static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw RejectedRequestException.badRequest("invalid_parameter", "limit must be between 1 and " + MAX_LIMIT);
        }
        return requested;
    }

    static int offset(Integer requested) {
        if (requested == null) {
            return 0;
        }
        if (requested < 0) {
            throw RejectedRequestException.badRequest("invalid_parameter", "offset must not be negative");
        }
        return requested;
    }
}
