package org.kollussuite.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Kollus as the suite meets it: platform and LMS callbacks posted as forms to the services' real URLs. */
public final class Kollus {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConsoleSuite suite;

    public Kollus(ConsoleSuite suite) {
        this.suite = suite;
    }

    public static String newKey(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** Answers the HTTP status of the platform's answer to an upload callback of {@code uploadFileKey}. */
    public int upload(String uploadFileKey) {
        return platform("upload", form("content_provider_key", ConsoleSuite.SERVICE_ACCOUNT_KEY,
                "full_filename", "/courses/" + uploadFileKey + ".mp4", "filename", uploadFileKey + ".mp4",
                "upload_file_key", uploadFileKey));
    }

    /** An upload callback with a wrong service account: recorded as rejected. */
    public int rejectedUpload(String uploadFileKey) {
        return platform("upload", form("content_provider_key", "somebody-else", "filename", uploadFileKey + ".mp4",
                "upload_file_key", uploadFileKey));
    }

    public int transcoded(String uploadFileKey) {
        return platform("transcoding", form("content_provider_key", ConsoleSuite.SERVICE_ACCOUNT_KEY,
                "filename", uploadFileKey + ".mp4", "upload_file_key", uploadFileKey, "transcoding_result", "success"));
    }

    public int channelAdd(String uploadFileKey, String mediaContentKey) {
        return platform("channel-add", form("content_provider_key", ConsoleSuite.SERVICE_ACCOUNT_KEY,
                "full_filename", "/courses/" + uploadFileKey + ".mp4", "filename", uploadFileKey + ".mp4",
                "upload_file_key", uploadFileKey, "media_content_key", mediaContentKey,
                "channel_key", suite.channelKey(), "channel_name", "Console tests", "profile_key", "acme-pc1-hd"));
    }

    /** An LMS snapshot of a content of 1,000 s in 10 blocks, {@code watched} of them seen. */
    public int lms(String user, String mediaContentKey, long startAt, long playtime, Set<Integer> watched) {
        ObjectNode document = JSON.createObjectNode();
        document.putObject("user_info").put("client_user_id", user).put("player_id", "player-" + startAt)
                .put("content_provider_key", ConsoleSuite.SERVICE_ACCOUNT_KEY);
        document.putObject("content_info").put("media_content_key", mediaContentKey)
                .put("channel_key", suite.channelKey()).put("duration", 1000).put("start_at", startAt)
                .put("playtime", playtime).put("real_playtime", playtime).put("last_play_at", (int) playtime)
                .put("runtime", playtime + 5);
        ObjectNode blocks = document.putObject("block_info").put("block_count", 10).putObject("blocks");
        for (int i = 0; i < 10; i++) {
            boolean seen = watched.contains(i);
            blocks.put("b" + i, seen ? 1 : 0).put("t" + i, seen ? 100 : 0).put("p" + i, seen ? 100 : 0);
        }
        return lms(document.toString());
    }

    /** An LMS snapshot whose JSON is cut short after the learner {@code user}: answered 200, and quarantined. */
    public int malformedLms(String user) {
        return lms("{\"user_info\":{\"client_user_id\":\"" + user + "\"");
    }

    private int lms(String jsonData) {
        return given().baseUri(suite.baseUrl(ConsoleSuite.Part.LMS)).contentType("application/x-www-form-urlencoded")
                .formParam("json_data", jsonData)
                .post("/callbacks/channels/" + suite.channelKey() + "/lms?token=" + ConsoleSuite.CALLBACK_TOKEN)
                .statusCode();
    }

    private int platform(String callback, Map<String, String> form) {
        return given().baseUri(suite.baseUrl(ConsoleSuite.Part.PLATFORM)).contentType("application/x-www-form-urlencoded")
                .formParams(form).post("/callbacks/platform/" + callback + "?token=" + ConsoleSuite.CALLBACK_TOKEN)
                .statusCode();
    }

    private static Map<String, String> form(String... namesAndValues) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return form;
    }
}
