package org.kollussuite.player.domain;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.kollussuite.commons.event.CloudEvent;

/** Builds the events this service emits, with the channel and user extension attributes. */
final class PlayerEvents {

    static final String SOURCE = CloudEvent.sourceOf("player-callback-service");

    private PlayerEvents() {
    }

    static ObjectNode data() {
        return JsonNodeFactory.instance.objectNode();
    }

    static CloudEvent event(String type, String channelKey, String mediaContentKey, String clientUserId, ObjectNode data) {
        return CloudEvent.create(SOURCE, type, mediaContentKey, data)
                .withExtension(CloudEvent.CHANNEL_EXTENSION, channelKey)
                .withExtension(CloudEvent.USER_EXTENSION, clientUserId);
    }
}
