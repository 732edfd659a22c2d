package org.kollussuite.platform.callback;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kollussuite.commons.event.CloudEvent;
import org.kollussuite.commons.testing.EventTap;
import org.kollussuite.commons.testing.EventTapExtension;

import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.kollussuite.platform.callback.PlatformCallbacksClient.*;

@QuarkusTest
class PlatformCallbackEventsTest {

    @RegisterExtension
    final EventTapExtension events = EventTapExtension.on("kollus.content.*", "kollus.channel.*");

    @Test
    void uploadCallbackPublishesContentUploaded() {
        String key = newUploadFileKey();

        post("upload", upload(key)).statusCode(200).body("result", equalTo("accepted"));

        CloudEvent event = awaitOne("kollus.content.uploaded", key);
        assertEquals(key, event.data().path("uploadFileKey").asText());
        assertEquals("lesson01.mp4", event.data().path("filename").asText());
        assertEquals("/courses/math/lesson01.mp4", event.data().path("fullFilename").asText());
        assertEquals("urn:kollus-suite:platform-callback-service", event.source());
    }

    @Test
    void successfulTranscodingPublishesContentTranscoded() {
        String key = newUploadFileKey();

        post("transcoding", transcoding(key, "success")).statusCode(200).body("result", equalTo("accepted"));

        CloudEvent event = awaitOne("kollus.content.transcoded", key);
        assertEquals("lesson01.mp4", event.data().path("filename").asText());
    }

    @Test
    void failedTranscodingPublishesTranscodingFailed() {
        String key = newUploadFileKey();

        post("transcoding", transcoding(key, "fail")).statusCode(200);

        awaitOne("kollus.content.transcoding-failed", key);
    }

    @Test
    void contentUpdatePublishesTheUpdateTypeAndEveryReceivedFieldButTheServiceAccountKey() {
        String key = newUploadFileKey();
        var form = contentUpdate(key, "metadata");
        form.put("category", "math");

        post("content-update", form).statusCode(200);

        CloudEvent event = awaitOne("kollus.content.updated", key);
        assertEquals("metadata", event.data().path("updateType").asText());
        assertEquals("math", event.data().path("fields").path("category").asText());
        assertEquals(key, event.data().path("fields").path("upload_file_key").asText());
        assertEquals(true, event.data().path("fields").path("content_provider_key").isMissingNode());
    }

    @Test
    void channelAddPublishesContentAddedUnderTheMediaContentKey() {
        String key = newUploadFileKey();
        String mck = "mck-" + key;

        post("channel-add", channel(key, "ch-math-2025", mck)).statusCode(200);

        CloudEvent event = awaitOne("kollus.channel.content-added", mck);
        assertEquals("ch-math-2025", event.channel());
        assertEquals("ch-math-2025", event.data().path("channelKey").asText());
        assertEquals("Math 2025", event.data().path("channelName").asText());
        assertEquals(mck, event.data().path("mediaContentKey").asText());
        assertEquals(key, event.data().path("uploadFileKey").asText());
        assertEquals("lesson01.mp4", event.data().path("filename").asText());
        assertEquals(List.of("acme-pc1-hd", "acme-mobile1-sd"),
                List.of(event.data().path("profileKeys").get(0).asText(), event.data().path("profileKeys").get(1).asText()));
    }

    @Test
    void channelRemovePublishesContentRemoved() {
        String key = newUploadFileKey();
        String mck = "mck-" + key;
        post("channel-add", channel(key, "ch-math-2025", mck)).statusCode(200);

        post("channel-remove", channel(key, "ch-math-2025", mck)).statusCode(200).body("result", equalTo("accepted"));

        CloudEvent event = awaitOne("kollus.channel.content-removed", mck);
        assertEquals("ch-math-2025", event.channel());
        assertEquals(key, event.data().path("uploadFileKey").asText());
        assertEquals(mck, event.data().path("mediaContentKey").asText());
    }

    private CloudEvent awaitOne(String type, String subject) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !events.tap().matching(e -> e.type().equals(type) && subject.equals(e.subject())).isEmpty());
        List<EventTap.Received> received = events.tap().matching(e -> e.type().equals(type) && subject.equals(e.subject()));
        assertEquals(1, received.size());
        assertEquals(type, received.get(0).routingKey());
        return received.get(0).event();
    }
}
