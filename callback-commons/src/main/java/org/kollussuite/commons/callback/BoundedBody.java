package org.kollussuite.commons.callback;

import org.kollussuite.commons.api.RejectedRequestException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads a request body under its limit while it arrives: a declared {@code Content-Length} over the
 * limit is refused before a byte is read, and a body sent without one is refused as soon as it passes
 * the limit, so an oversized request never occupies more than the limit in memory.
 */
public final class BoundedBody {

    private static final int CHUNK = 8 * 1024;

    private BoundedBody() {
    }

    /**
     * The whole body of at most {@code limit} bytes; 413 {@code payload_too_large} for a larger one.
     *
     * @param contentLength the request's {@code Content-Length} header, or null
     */
    public static byte[] read(InputStream body, String contentLength, long limit) {
        long declared = -1;
        if (contentLength != null && !contentLength.isBlank()) {
            try {
                declared = Long.parseLong(contentLength.strip());
            } catch (NumberFormatException e) {
                throw RejectedRequestException.badRequest("invalid_content_length",
                        "Content-Length '" + contentLength + "' is not a number");
            }
            CallbackParameters.requireBodyWithin(declared, limit);
        }
        if (body == null) {
            return new byte[0];
        }
        try {
            if (declared >= 0) {
                // The HTTP layer delivers exactly the declared length: one array of that size, nothing more.
                return body.readNBytes((int) declared);
            }
            ByteArrayOutputStream read = new ByteArrayOutputStream(CHUNK);
            byte[] chunk = new byte[CHUNK];
            int n;
            while ((n = body.read(chunk, 0, (int) Math.min(CHUNK, limit - read.size() + 1))) > 0) {
                read.write(chunk, 0, n);
                if (read.size() > limit) {
                    throw new RejectedRequestException(413, "payload_too_large",
                            "the body has more than " + limit + " bytes; at most " + limit + " are accepted");
                }
            }
            return read.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("the request body could not be read", e);
        }
    }
}
