package org.kollussuite.commons.jwt;

/** A token that is malformed or whose signature does not verify. */
public class InvalidJwtException extends RuntimeException {

    public InvalidJwtException(String message) {
        super(message);
    }
}
