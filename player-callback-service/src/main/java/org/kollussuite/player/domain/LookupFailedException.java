package org.kollussuite.player.domain;

/** What a decision needs (entitlements, channel contents) could not be read in time; the channel's fail mode decides. */
public class LookupFailedException extends Exception {

    public LookupFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
