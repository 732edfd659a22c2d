package org.kollussuite.platform.domain;

import java.util.Locale;

/** What became of one received callback; also its status in the inbox. */
public enum CallbackOutcome {
    ACCEPTED,
    DUPLICATE,
    REJECTED;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
