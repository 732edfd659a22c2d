package org.kollussuite.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One content's life exactly as Kollus sends it, through all four services: the platform callbacks, a
 * learner's plays, progress over two sessions, downloads, the next episode and the removal; the webhook
 * receives each resulting event once, signed, and the admin APIs show the outcome.
 */
@ExtendWith(SuiteExtension.class)
class ContentLifecycleIT {

    @Test
    void aContentsLifeAsKollusSendsItReachesTheWebhookOnceSignedAndShowsInTheAdminApis(Suite suite) throws Exception {
        Kollus kollus = new Kollus(suite);
        String id = UUID.randomUUID().toString().substring(0, 8);
        Kollus.Content lesson1 = new Kollus.Content("ufk-" + id + "-1", "mck-" + id + "-1", "Lesson 1.mp4");
        Kollus.Content lesson2 = new Kollus.Content("ufk-" + id + "-2", "mck-" + id + "-2", "Lesson 2.mp4");
        String learner = "learner-" + id;
        String channel = suite.channelKey();

        for (Kollus.Content lesson : List.of(lesson1, lesson2)) {
            assertPlatformResult("accepted", kollus.upload(lesson));
            assertPlatformResult("accepted", kollus.transcoded(lesson));
            assertPlatformResult("accepted", kollus.channelAdd(lesson));
        }
        assertPlatformResult("duplicate", kollus.upload(lesson1));

        Map<String, Object> entitlement = new LinkedHashMap<>();
        entitlement.put("clientUserId", learner);
        entitlement.put("channel", channel);
        entitlement.put("validUntil", Instant.now().plus(Duration.ofDays(30)).toString());
        entitlement.put("downloadAllowed", true);
        assertEquals(200, Http.adminPut(suite.baseUrl(SuiteService.PLAYER) + "/api/v1/entitlements", entitlement).status());

        JsonNode beforePlayback = PlayerAnswers.data(kollus.play(1, learner, lesson1.mediaContentKey()));
        assertEquals(1, beforePlayback.path("result").asInt());
        assertTrue(beforePlayback.path("expiration_date").asLong() > Instant.now().getEpochSecond());
        JsonNode playerReady = PlayerAnswers.data(kollus.play(3, learner, lesson1.mediaContentKey()));
        assertEquals(1, playerReady.path("result").asInt());
        assertEquals(0, playerReady.path("content_expired").asInt());

        long firstSession = Instant.now().minus(Duration.ofDays(1)).getEpochSecond();
        long secondSession = Instant.now().getEpochSecond();
        String mck = lesson1.mediaContentKey();
        assertStored(kollus.lms(kollus.snapshot(learner, mck, firstSession, 200, 200, Set.of(0, 1))));
        ObjectNode pause = kollus.snapshot(learner, mck, firstSession, 500, 500, Set.of(0, 1, 2, 3, 4));
        assertStored(kollus.lms(pause));
        assertStored(kollus.lms(pause));
        assertStored(kollus.lms(kollus.snapshot(learner, mck, secondSession, 500, 995, Set.of(5, 6, 7, 8, 9))));

        JsonNode download = PlayerAnswers.data(kollus.drm(items(drmItem(1, learner, mck)))).get(0);
        assertEquals(1, download.path("result").asInt());
        assertTrue(download.path("expiration_date").asLong() > Instant.now().getEpochSecond());
        JsonNode downloaded = PlayerAnswers.data(kollus.drm(items(drmItem(2, learner, mck)))).get(0);
        assertEquals(1, downloaded.path("result").asInt());
        assertEquals(0, downloaded.path("content_delete").asInt());
        ObjectNode offlinePlay = drmItem(3, learner, mck).put("session_key", "session-" + id).put("start_at", secondSession);
        JsonNode offline = PlayerAnswers.data(kollus.drm(items(offlinePlay))).get(0);
        assertEquals(1, offline.path("result").asInt());
        assertEquals("session-" + id, offline.path("session_key").asText());
        assertEquals(secondSession, offline.path("start_at").asLong());
        assertEquals(0, offline.path("content_expired").asInt());

        // The player learns the channel's contents from the platform's events, a moment after the callbacks.
        JsonNode next = await().atMost(Duration.ofSeconds(30)).until(
                () -> PlayerAnswers.data(kollus.nextEpisode(learner, mck)), data -> data.path("result").asInt() == 1);
        assertEquals(lesson2.mediaContentKey(), next.path("media_content_key").asText());
        assertEquals(lesson2.filename(), next.path("title").asText());
        URI playerUrl = URI.create(next.path("url").asText());
        assertEquals("https://v.kr.kollus.com/s", playerUrl.getScheme() + "://" + playerUrl.getHost() + playerUrl.getPath());
        assertTrue(playerUrl.getQuery().contains("custom_key=" + PlayerAnswers.CUSTOM_KEY), playerUrl.toString());
        JsonNode playerToken = PlayerAnswers.verified(playerUrl.getQuery().replaceAll(".*jwt=([^&]+).*", "$1"));
        assertEquals(learner, playerToken.path("cuid").asText());
        assertEquals(lesson2.mediaContentKey(), playerToken.path("mc").get(0).path("mckey").asText());
        assertFalse(playerToken.path("next_episode").asBoolean(), "lesson 2 is the channel's last");

        assertPlatformResult("accepted", kollus.channelRemove(lesson1));

        Set<String> subjects = Set.of(lesson1.uploadFileKey(), lesson2.uploadFileKey(), lesson1.mediaContentKey(),
                lesson2.mediaContentKey());
        List<String> expected = new ArrayList<>();
        for (Kollus.Content lesson : List.of(lesson1, lesson2)) {
            expected.add("kollus.content.uploaded " + lesson.uploadFileKey());
            expected.add("kollus.content.transcoded " + lesson.uploadFileKey());
            expected.add("kollus.channel.content-added " + lesson.mediaContentKey());
        }
        IntStream.range(0, 2).forEach(i -> expected.add("kollus.playback.authorized " + mck));
        IntStream.range(0, 3).forEach(i -> expected.add("kollus.lms.progressed " + mck));
        expected.add("kollus.lms.completed " + mck);
        expected.add("kollus.download.authorized " + mck);
        expected.add("kollus.download.completed " + mck);
        expected.add("kollus.download.offline-checked " + mck);
        expected.add("kollus.channel.content-removed " + mck);
        expected.sort(null);

        SignedWebhooks webhooks = suite.webhooks();
        await().atMost(Duration.ofSeconds(60)).until(() -> received(webhooks, subjects), list -> list.equals(expected));
        // Held for a few seconds, so an event published twice has the time to show up.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> received(webhooks, subjects), list -> list.equals(expected));
        List<SignedWebhooks.Delivery> deliveries = webhooks.deliveries(d -> subjects.contains(d.subject()));
        assertEquals(expected.size(), deliveries.stream().map(SignedWebhooks.Delivery::webhookId).distinct().count(),
                "every webhook-id arrives once");
        assertEquals(List.of(), webhooks.refused(), "deliveries that failed verification");
        for (SignedWebhooks.Delivery delivery : deliveries) {
            if (!delivery.type().startsWith("kollus.content.")) {
                assertEquals(channel, delivery.channel(), delivery.type() + " names the channel");
            }
        }
        JsonNode added = only(deliveries, "kollus.channel.content-added", lesson1.mediaContentKey()).data();
        assertEquals(lesson1.uploadFileKey(), added.path("uploadFileKey").asText());
        assertEquals(List.of("acme-pc1-hd", "acme-mobile1-sd"), texts(added.path("profileKeys")));
        JsonNode completed = only(deliveries, "kollus.lms.completed", mck).data();
        assertEquals(learner, completed.path("clientUserId").asText());
        assertEquals(100, completed.path("percent").asInt());

        JsonNode content = Http.adminGet(suite.baseUrl(SuiteService.PLATFORM) + "/api/v1/contents/"
                + lesson1.uploadFileKey()).json();
        assertEquals("transcoded", content.path("transcodingState").asText());
        assertEquals(lesson1.filename(), content.path("filename").asText());
        assertEquals(1, content.path("channels").size());
        assertEquals(channel, content.path("channels").get(0).path("channelKey").asText());
        assertEquals(mck, content.path("channels").get(0).path("mediaContentKey").asText());
        assertEquals("removed", content.path("channels").get(0).path("state").asText());

        JsonNode progress = Http.adminGet(suite.baseUrl(SuiteService.LMS) + "/api/v1/progress/" + channel + "/" + mck
                + "/" + learner).json();
        assertEquals(100, progress.path("percent").asInt());
        assertTrue(progress.path("completed").asBoolean());
        assertFalse(progress.path("completedAt").isNull());
        assertEquals(2, progress.path("sessions").asInt());
        assertEquals(1000, progress.path("playtime").asLong(), "the sum of each session's furthest playtime");
        assertEquals(995, progress.path("lastPosition").asInt());

        Set<String> ids = deliveries.stream().map(SignedWebhooks.Delivery::webhookId).collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveredIds(suite).containsAll(ids));
    }

    private static void assertPlatformResult(String result, Http.Answer answer) {
        assertEquals(200, answer.status(), answer.body());
        assertEquals(result, answer.json().path("result").asText(), answer.body());
    }

    private static void assertStored(Http.Answer answer) {
        assertEquals(200, answer.status(), answer.body());
        assertEquals(1, answer.json().path("result").asInt(), answer.body());
    }

    private static ObjectNode drmItem(int kind, String user, String mediaContentKey) {
        ObjectNode item = Http.JSON.createObjectNode().put("kind", kind).put("client_user_id", user)
                .put("player_id", "8272B31730355AA3C8384FCD42AD9DD4").put("hardware_id", "")
                .put("device_name", "SM-G991N").put("media_content_key", mediaContentKey)
                .put("localtime", Instant.now().getEpochSecond());
        item.putObject("uservalues").put("uservalue0", "course-42");
        return item;
    }

    private static ArrayNode items(ObjectNode item) {
        return Http.JSON.createArrayNode().add(item);
    }

    private static List<String> received(SignedWebhooks webhooks, Set<String> subjects) {
        return webhooks.deliveries(d -> subjects.contains(d.subject())).stream()
                .map(d -> d.type() + " " + d.subject()).sorted().toList();
    }

    private static SignedWebhooks.Delivery only(List<SignedWebhooks.Delivery> deliveries, String type, String subject) {
        List<SignedWebhooks.Delivery> matching = deliveries.stream()
                .filter(d -> d.type().equals(type) && d.subject().equals(subject)).toList();
        assertEquals(1, matching.size(), type + " " + subject);
        return matching.get(0);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static Set<String> deliveredIds(Suite suite) {
        Set<String> ids = new HashSet<>();
        Http.adminGet(suite.baseUrl(SuiteService.NOTIFIER) + "/api/v1/deliveries?status=delivered&endpoint="
                + Suite.ENDPOINT.toLowerCase() + "&limit=1000").json().forEach(d -> ids.add(d.path("eventId").asText()));
        return ids;
    }
}
