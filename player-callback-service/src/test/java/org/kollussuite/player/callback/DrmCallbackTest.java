package org.kollussuite.player.callback;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kollussuite.player.callback.PlayerCallbacksClient.CLOSED;
import static org.kollussuite.player.callback.PlayerCallbacksClient.COURSE;
import static org.kollussuite.player.callback.PlayerCallbacksClient.FOREVER;
import static org.kollussuite.player.callback.PlayerCallbacksClient.OPEN;
import static org.kollussuite.player.callback.PlayerCallbacksClient.drm;
import static org.kollussuite.player.callback.PlayerCallbacksClient.fieldNames;
import static org.kollussuite.player.callback.PlayerCallbacksClient.form;
import static org.kollussuite.player.callback.PlayerCallbacksClient.grant;
import static org.kollussuite.player.callback.PlayerCallbacksClient.newContent;
import static org.kollussuite.player.callback.PlayerCallbacksClient.newUser;
import static org.kollussuite.player.callback.PlayerCallbacksClient.revoke;

@QuarkusTest
class DrmCallbackTest {

    private static String item(int kind, String user, String content) {
        return "{\"kind\":" + kind + ",\"client_user_id\":\"" + user + "\",\"player_id\":\"8272B3\",\"hardware_id\":\"\","
                + "\"device_name\":\"SM-G991N\",\"media_content_key\":\"" + content + "\","
                + "\"uservalues\":{\"uservalue0\":\"course-42\"},\"localtime\":1735689600"
                + (kind == 3 ? ",\"session_key\":\"9f1c0a6e\",\"start_at\":1735689600" : "") + "}";
    }

    private static JsonNode items(String channel, String... items) {
        JsonNode data = drm(channel, form("items", "[" + String.join(",", items) + "]"));
        assertTrue(data.isArray(), "data is an array");
        assertEquals(items.length, data.size(), "one answer per item");
        return data;
    }

    @Test
    void allowPolicyAnswersEveryKindInOrderWithTheDocumentedFields() {
        String user = newUser();
        String content = newContent();
        long before = Instant.now().getEpochSecond();

        JsonNode data = items(OPEN, item(1, user, content), item(2, user, content), item(3, user, content));

        JsonNode download = data.get(0);
        assertEquals(Set.of("kind", "media_content_key", "result", "expiration_date", "expiration_count",
                "expiration_playtime", "check_abuse"), fieldNames(download));
        assertEquals(1, download.get("kind").intValue());
        assertEquals(content, download.get("media_content_key").textValue());
        assertEquals(1, download.get("result").intValue());
        assertTrue(Math.abs(download.get("expiration_date").longValue() - (before + Duration.ofDays(7).toSeconds())) <= 5);
        assertEquals(5, download.get("expiration_count").intValue());
        assertEquals(7200, download.get("expiration_playtime").intValue());
        assertEquals(1, download.get("check_abuse").intValue());

        JsonNode complete = data.get(1);
        assertEquals(Set.of("kind", "media_content_key", "result", "content_delete"), fieldNames(complete));
        assertEquals(2, complete.get("kind").intValue());
        assertEquals(0, complete.get("content_delete").intValue());

        JsonNode offline = data.get(2);
        assertEquals(Set.of("kind", "media_content_key", "result", "session_key", "start_at", "content_expired",
                "content_delete", "content_expire_reset", "expiration_date", "check_abuse"), fieldNames(offline));
        assertEquals(3, offline.get("kind").intValue());
        assertEquals("9f1c0a6e", offline.get("session_key").textValue());
        assertEquals(1735689600L, offline.get("start_at").longValue());
        assertEquals(0, offline.get("content_expired").intValue());
        assertEquals(0, offline.get("content_delete").intValue());
        assertEquals(0, offline.get("content_expire_reset").intValue());
    }

    @Test
    void denyPolicyRefusesDownloadsAndExpiresOfflineCopies() {
        String user = newUser();
        String content = newContent();

        JsonNode data = items(CLOSED, item(1, user, content), item(3, user, content));

        assertEquals(Set.of("kind", "media_content_key", "result", "message"), fieldNames(data.get(0)));
        assertEquals(0, data.get(0).get("result").intValue());
        assertEquals("This channel is closed.", data.get(0).get("message").textValue());
        assertEquals(0, data.get(1).get("result").intValue());
        assertEquals(1, data.get(1).get("content_expired").intValue());
        assertEquals(0, data.get(1).get("content_delete").intValue());
        assertEquals("9f1c0a6e", data.get(1).get("session_key").textValue());
    }

    @Test
    void entitlementPolicyNeedsAnEntitlementThatAllowsDownloads() {
        String playOnly = newUser();
        String downloader = newUser();
        String content = newContent();
        Instant end = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        grant(playOnly, COURSE, content, null, false);
        grant(downloader, COURSE, content, end.toString(), true);

        assertEquals(0, items(COURSE, item(1, playOnly, content)).get(0).get("result").intValue());
        JsonNode allowed = items(COURSE, item(1, downloader, content)).get(0);
        assertEquals(1, allowed.get("result").intValue());
        assertEquals(end.getEpochSecond(), allowed.get("expiration_date").longValue(),
                "P7D of the channel is cut at the entitlement's end");
        assertEquals(0, allowed.get("expiration_count").intValue());
        assertEquals(0, allowed.get("check_abuse").intValue());
    }

    @Test
    void revokingAnEntitlementDeletesOfflineCopiesWhereTheChannelSaysSo() {
        String user = newUser();
        String content = newContent();
        long id = grant(user, COURSE, content, null, true);
        assertEquals(0, items(COURSE, item(3, user, content)).get(0).get("content_expired").intValue());

        revoke(id);
        JsonNode offline = items(COURSE, item(3, user, content)).get(0);

        assertEquals(0, offline.get("result").intValue());
        assertEquals(1, offline.get("content_expired").intValue());
        assertEquals(1, offline.get("content_delete").intValue(), "DOWNLOAD_REVOKED_ACTION=DELETE");
        assertEquals(0, offline.get("content_expire_reset").intValue());
    }

    @Test
    void renewedRightsResetAnExpiredCopy() {
        String user = newUser();
        String content = newContent();
        grant(user, COURSE, content, null, true);
        String expiredOnDevice = "{\"kind\":3,\"client_user_id\":\"" + user + "\",\"media_content_key\":\"" + content
                + "\",\"session_key\":\"s1\",\"start_at\":1735689600,\"content_expired\":1}";

        JsonNode offline = items(COURSE, expiredOnDevice).get(0);

        assertEquals(1, offline.get("result").intValue());
        assertEquals(0, offline.get("content_expired").intValue());
        assertEquals(1, offline.get("content_expire_reset").intValue());
    }

    @Test
    void theLegacyFlatFormIsOneItem() {
        String content = newContent();

        JsonNode data = drm(OPEN, form("kind", "1", "client_user_id", newUser(), "media_content_key", content,
                "uservalues", "{\"uservalue0\":\"course-42\"}"));

        assertEquals(1, data.size());
        assertEquals(1, data.get(0).get("kind").intValue());
        assertEquals(content, data.get(0).get("media_content_key").textValue());
        assertEquals(1, data.get(0).get("result").intValue());
    }

    @Test
    void numbersSentAsStringsAreReadAndAnsweredAsIntegers() {
        String content = newContent();
        String item = "{\"kind\":\"3\",\"client_user_id\":\"" + newUser() + "\",\"media_content_key\":\"" + content
                + "\",\"session_key\":\"abc\",\"start_at\":\"1735689600\"}";

        JsonNode offline = items(OPEN, item).get(0);

        assertEquals(3, offline.get("kind").intValue());
        assertEquals(1735689600L, offline.get("start_at").longValue());
    }

    @Test
    void anUnlimitedDownloadExpirationAnswersZero() {
        JsonNode data = items(FOREVER, item(1, newUser(), newContent())).get(0);

        assertEquals(0, data.get("expiration_date").longValue(), "DOWNLOAD_EXPIRATION=PT0S is unlimited");
    }
}
