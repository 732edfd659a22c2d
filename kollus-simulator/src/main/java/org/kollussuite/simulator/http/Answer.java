package org.kollussuite.simulator.http;

import java.util.Optional;
import java.util.function.Function;

/** What one attempt got: an HTTP answer, or a failure (connection refused, timeout) instead. */
public record Answer(int status, Function<String, Optional<String>> header, String body, String failure) {

    public static Answer failed(String failure) {
        return new Answer(0, name -> Optional.empty(), "", failure);
    }

    /** Whether an HTTP answer arrived at all, whatever its status: a player re-sends only when none did. */
    public boolean answered() {
        return failure == null;
    }

    /** Kollus counts only a 200 as success (kollus-callbacks.md §2.2). */
    public boolean ok() {
        return failure == null && status == 200;
    }

    /** The status, or the failure, for printing. */
    public String outcome() {
        return failure != null ? failure : Integer.toString(status);
    }
}
