package org.kollussuite.commons.event;

/** A message body that is not a valid CloudEvents 1.0 structured JSON event. */
public class InvalidCloudEventException extends RuntimeException {

    public InvalidCloudEventException(String message) {
        super(message);
    }
}
