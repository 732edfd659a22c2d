package org.kollussuite.platform.callback;

import io.restassured.response.ValidatableResponse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Posts platform callbacks the way Kollus does: a form body, the token in the query string. */
public final class PlatformCallbacksClient {

    public static final String TOKEN = "test-callback-token";
    public static final String SERVICE_ACCOUNT = "test-service-account";

    private PlatformCallbacksClient() {
    }

    public static ValidatableResponse post(String type, Map<String, String> form) {
        return given().queryParam("token", TOKEN)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParams(form)
                .post("/callbacks/platform/" + type)
                .then();
    }

    /** A fresh upload file key, so tests never see each other's contents. */
    public static String newUploadFileKey() {
        return "ufk-" + UUID.randomUUID();
    }

    public static Map<String, String> upload(String uploadFileKey) {
        return form("content_provider_key", SERVICE_ACCOUNT, "full_filename", "/courses/math/lesson01.mp4",
                "filename", "lesson01.mp4", "upload_file_key", uploadFileKey);
    }

    public static Map<String, String> transcoding(String uploadFileKey, String result) {
        return form("content_provider_key", SERVICE_ACCOUNT, "filename", "lesson01.mp4",
                "upload_file_key", uploadFileKey, "transcoding_result", result);
    }

    public static Map<String, String> contentUpdate(String uploadFileKey, String updateType) {
        return form("content_provider_key", SERVICE_ACCOUNT, "full_filename", "/courses/math/lesson01.mp4",
                "filename", "lesson01.mp4", "upload_file_key", uploadFileKey, "update_type", updateType);
    }

    public static Map<String, String> channel(String uploadFileKey, String channelKey, String mediaContentKey) {
        return form("content_provider_key", SERVICE_ACCOUNT, "full_filename", "/courses/math/lesson01.mp4",
                "filename", "lesson01.mp4", "upload_file_key", uploadFileKey, "media_content_key", mediaContentKey,
                "channel_key", channelKey, "channel_name", "Math 2025", "profile_key", "acme-pc1-hd|acme-mobile1-sd");
    }

    public static Map<String, String> form(String... namesAndValues) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return form;
    }
}
