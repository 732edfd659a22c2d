package org.kollussuite.commons.api;

/** A request the suite refuses, answered with {@code status} and an {@link ApiError}. */
public class RejectedRequestException extends RuntimeException {

    private final int status;
    private final String error;

    public RejectedRequestException(int status, String error, String message) {
        super(message);
        this.status = status;
        this.error = error;
    }

    public static RejectedRequestException badRequest(String error, String message) {
        return new RejectedRequestException(400, error, message);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public ApiError toApiError() {
        return new ApiError(error, getMessage());
    }
}
