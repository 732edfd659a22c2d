package org.kollussuite.endtoend;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Kollus as the suite meets it: its servers' platform callbacks and its players' play, DRM, next-episode and
 * LMS callbacks, posted as forms to the URLs an operator registers, token in the query string.
 */
final class Kollus {

    static final String SERVICE_ACCOUNT_KEY = "test-service-account";
    static final String CALLBACK_TOKEN = "test-callback-token";

    private final Suite suite;

    Kollus(Suite suite) {
        this.suite = suite;
    }

    /** One uploaded file and its key in the suite's channel. */
    record Content(String uploadFileKey, String mediaContentKey, String filename) {
    }

    Http.Answer upload(Content content) throws IOException {
        return platform("upload", form("content_provider_key", SERVICE_ACCOUNT_KEY,
                "full_filename", "/courses/" + content.filename(), "filename", content.filename(),
                "upload_file_key", content.uploadFileKey()));
    }

    Http.Answer transcoded(Content content) throws IOException {
        return platform("transcoding", form("content_provider_key", SERVICE_ACCOUNT_KEY,
                "filename", content.filename(), "upload_file_key", content.uploadFileKey(),
                "transcoding_result", "success"));
    }

    Http.Answer channelAdd(Content content) throws IOException {
        return platform("channel-add", channelForm(content));
    }

    Http.Answer channelRemove(Content content) throws IOException {
        return platform("channel-remove", channelForm(content));
    }

    Http.Answer play(int kind, String user, String mediaContentKey) throws IOException {
        return player("play", form("kind", String.valueOf(kind), "client_user_id", user,
                "player_id", "8272B31730355AA3C8384FCD42AD9DD4", "hardware_id", "", "device_name", "iPhone10,5",
                "media_content_key", mediaContentKey, "uservalues", "{\"uservalue0\":\"course-42\"}"));
    }

    /** A v2 DRM callback: every item in one {@code items} JSON array. */
    Http.Answer drm(ArrayNode items) throws IOException {
        return player("drm", form("items", items.toString()));
    }

    Http.Answer nextEpisode(String user, String mediaContentKey) throws IOException {
        return player("next-episode", form("mck", mediaContentKey, "client_user_id", user));
    }

    Http.Answer lms(ObjectNode snapshot) throws IOException {
        return Http.postForm(suite.baseUrl(SuiteService.LMS) + "/callbacks/channels/" + suite.channelKey()
                + "/lms?token=" + CALLBACK_TOKEN, form("json_data", snapshot.toString()));
    }

    /** A cumulative snapshot of session {@code startAt} of a content of 1,000 s in 10 blocks. */
    ObjectNode snapshot(String user, String mediaContentKey, long startAt, long playtime, int lastPosition,
                        Set<Integer> watched) {
        ObjectNode document = Http.JSON.createObjectNode();
        document.putObject("user_info").put("client_user_id", user).put("player_id", "player-" + startAt)
                .put("content_provider_key", SERVICE_ACCOUNT_KEY);
        document.putObject("content_info").put("media_content_key", mediaContentKey)
                .put("channel_key", suite.channelKey()).put("duration", 1000).put("start_at", startAt)
                .put("playtime", playtime).put("real_playtime", playtime).put("last_play_at", lastPosition)
                .put("runtime", playtime + 5);
        ObjectNode blocks = document.putObject("block_info").put("block_count", 10).putObject("blocks");
        for (int i = 0; i < 10; i++) {
            boolean seen = watched.contains(i);
            blocks.put("b" + i, seen ? 1 : 0).put("t" + i, seen ? 100 : 0).put("p" + i, seen ? 100 : 0);
        }
        return document;
    }

    private Map<String, String> channelForm(Content content) {
        return form("content_provider_key", SERVICE_ACCOUNT_KEY, "full_filename", "/courses/" + content.filename(),
                "filename", content.filename(), "upload_file_key", content.uploadFileKey(),
                "media_content_key", content.mediaContentKey(), "channel_key", suite.channelKey(),
                "channel_name", "End to end", "profile_key", "acme-pc1-hd|acme-mobile1-sd");
    }

    private Http.Answer platform(String callback, Map<String, String> form) throws IOException {
        return Http.postForm(suite.baseUrl(SuiteService.PLATFORM) + "/callbacks/platform/" + callback
                + "?token=" + CALLBACK_TOKEN, form);
    }

    private Http.Answer player(String callback, Map<String, String> form) throws IOException {
        return Http.postForm(suite.baseUrl(SuiteService.PLAYER) + "/callbacks/channels/" + suite.channelKey() + "/"
                + callback + "?token=" + CALLBACK_TOKEN, form);
    }

    private static Map<String, String> form(String... namesAndValues) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return form;
    }
}
