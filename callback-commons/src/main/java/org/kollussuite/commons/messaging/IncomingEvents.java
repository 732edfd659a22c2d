package org.kollussuite.commons.messaging;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.kollussuite.commons.event.CloudEvent;

import java.nio.charset.StandardCharsets;

/** Reads a CloudEvent from whatever payload type the RabbitMQ connector handed over. */
public final class IncomingEvents {

    private IncomingEvents() {
    }

    public static CloudEvent parse(Object payload) {
        if (payload instanceof byte[] bytes) {
            return CloudEvent.parse(bytes);
        }
        if (payload instanceof Buffer buffer) {
            return CloudEvent.parse(buffer.getBytes());
        }
        if (payload instanceof io.vertx.mutiny.core.buffer.Buffer buffer) {
            return CloudEvent.parse(buffer.getBytes());
        }
        if (payload instanceof JsonObject json) {
            return CloudEvent.parse(json.encode().getBytes(StandardCharsets.UTF_8));
        }
        if (payload instanceof String text) {
            return CloudEvent.parse(text.getBytes(StandardCharsets.UTF_8));
        }
        throw new org.kollussuite.commons.event.InvalidCloudEventException(
                "unsupported payload type " + (payload == null ? "null" : payload.getClass().getName()));
    }
}
