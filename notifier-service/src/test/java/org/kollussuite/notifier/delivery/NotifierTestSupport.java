package org.kollussuite.notifier.delivery;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.kollussuite.commons.event.CloudEvent;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Events as the suite's services publish them, for the notifier's tests. */
final class NotifierTestSupport {

    static final String ADMIN = "Bearer test-admin-token";

    private NotifierTestSupport() {
    }

    static CloudEvent event(String type, String subject, String channel) {
        Map<String, String> extensions = new LinkedHashMap<>();
        if (channel != null) {
            extensions.put(CloudEvent.CHANNEL_EXTENSION, channel);
        }
        return new CloudEvent(UUID.randomUUID().toString(), CloudEvent.sourceOf("test"), type, Instant.now(), subject,
                JsonNodeFactory.instance.objectNode().put("marker", UUID.randomUUID().toString()), extensions);
    }
}
