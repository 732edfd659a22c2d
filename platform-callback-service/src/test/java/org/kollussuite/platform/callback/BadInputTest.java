package org.kollussuite.platform.callback;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kollussuite.commons.testing.EventTapExtension;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kollussuite.platform.callback.PlatformCallbacksClient.*;

/** Bad input answers a clear 4xx, shows up in the inbox as rejected, and changes nothing else. */
@QuarkusTest
class BadInputTest {

    @RegisterExtension
    final EventTapExtension events = EventTapExtension.on("kollus.content.*", "kollus.channel.*");

    @Test
    void missingUploadFileKeyIsRejectedWith400AndRecorded() {
        String marker = newUploadFileKey();
        Map<String, String> form = upload(marker);
        form.remove("upload_file_key");
        form.put("filename", marker);

        post("upload", form).statusCode(400)
                .body("error", equalTo("missing_parameter"))
                .body("message", containsString("upload_file_key"));

        rejected().body("find { it.parameters.filename == '" + marker + "' }.error", equalTo("missing_parameter"));
    }

    @Test
    void wrongServiceAccountKeyIsRejectedWith403AndLeavesCatalogAndEventsUntouched() {
        String key = newUploadFileKey();
        Map<String, String> form = upload(key);
        form.put("content_provider_key", "someone-else");

        post("upload", form).statusCode(403).body("error", equalTo("invalid_content_provider_key"));

        assertNoCatalogEntry(key);
        rejectedFor(key).body("[0].error", equalTo("invalid_content_provider_key"))
                .body("[0].parameters.content_provider_key", equalTo("***"));
        assertNoEventFor(key);
    }

    @Test
    void unknownTranscodingResultIsRejectedWith400() {
        String key = newUploadFileKey();

        post("transcoding", transcoding(key, "maybe")).statusCode(400)
                .body("error", equalTo("invalid_parameter"))
                .body("message", containsString("transcoding_result"));

        assertNoCatalogEntry(key);
        rejectedFor(key).body("[0].error", equalTo("invalid_parameter"));
    }

    @Test
    void brokenPercentEncodingIsRejectedWith400() {
        String key = newUploadFileKey();

        postUploadWithFilename(key, "%E0%ZZ").statusCode(400).body("error", equalTo("malformed_form"));

        assertNoCatalogEntry(key);
        rejected().body("find { it.parameters._raw_body?.contains('" + key + "') }.parameters._raw_body",
                containsString("content_provider_key=***"));
    }

    @Test
    void aNulCharacterIsRejectedWith400NotAnsweredAsAnOutage() {
        String key = newUploadFileKey();

        postUploadWithFilename(key, "a%00b").statusCode(400).body("error", equalTo("invalid_parameter"))
                .body("message", containsString("filename"));

        assertNoCatalogEntry(key);
        rejectedFor(key).body("[0].error", equalTo("invalid_parameter"))
                .body("[0].parameters.filename", equalTo("a\\u0000b"));
    }

    @Test
    void bodyOverTheLimitIsRejectedWith413() {
        String key = newUploadFileKey();
        Map<String, String> form = upload(key);
        form.put("padding", "x".repeat(70 * 1024));

        post("upload", form).statusCode(413).body("error", equalTo("payload_too_large"));

        assertNoCatalogEntry(key);
    }

    @Test
    void wrongContentTypeIsRejectedWith415AndRecorded() {
        String key = newUploadFileKey();

        given().queryParam("token", TOKEN).contentType("application/json")
                .body("{\"upload_file_key\":\"" + key + "\"}")
                .post("/callbacks/platform/upload")
                .then().statusCode(415).body("error", equalTo("unsupported_media_type"));

        assertNoCatalogEntry(key);
        rejected().body("find { it.parameters._raw_body?.contains('" + key + "') }.error",
                equalTo("unsupported_media_type"));
    }

    @Test
    void aPreflightOnAPlatformUrlAnswers405WithoutCorsHeaders() {
        given().queryParam("token", TOKEN).header("Origin", "https://learn.example.com")
                .header("Access-Control-Request-Method", "POST")
                .options("/callbacks/platform/upload")
                .then().statusCode(405).header("Allow", "POST").header("Access-Control-Allow-Origin", nullValue())
                .body("error", equalTo("method_not_allowed"));
    }

    @Test
    void missingTokenIsRefusedWith401AndStoresNothing() {
        String key = newUploadFileKey();

        given().contentType("application/x-www-form-urlencoded").formParams(upload(key))
                .post("/callbacks/platform/upload")
                .then().statusCode(401).body("error", equalTo("unauthorized"));

        assertNoCatalogEntry(key);
        inboxFor(key).body("$", hasSize(0));
    }

    @Test
    void unknownExtraParametersAreKeptAndNeverRejected() {
        String key = newUploadFileKey();
        Map<String, String> form = upload(key);
        form.put("new_kollus_field", "surprise");

        post("upload", form).statusCode(200).body("result", equalTo("accepted"));

        inboxFor(key).body("[0].status", equalTo("accepted"))
                .body("[0].parameters.new_kollus_field", equalTo("surprise"))
                .body("[0].parameters", not(org.hamcrest.Matchers.hasKey("token")));
    }

    private static ValidatableResponse rejected() {
        return given().auth().oauth2("test-admin-token").queryParam("status", "rejected").queryParam("limit", 1000)
                .get("/api/v1/callbacks").then().statusCode(200);
    }

    private static ValidatableResponse rejectedFor(String key) {
        return given().auth().oauth2("test-admin-token").queryParam("status", "rejected").queryParam("uploadFileKey", key)
                .get("/api/v1/callbacks").then().statusCode(200);
    }

    private static ValidatableResponse inboxFor(String key) {
        return given().auth().oauth2("test-admin-token").queryParam("uploadFileKey", key)
                .get("/api/v1/callbacks").then().statusCode(200);
    }

    /** Posts an upload callback whose filename is given already percent-encoded, as raw form bytes. */
    private static ValidatableResponse postUploadWithFilename(String uploadFileKey, String encodedFilename) {
        return given().queryParam("token", TOKEN).contentType("application/x-www-form-urlencoded")
                .body("content_provider_key=" + SERVICE_ACCOUNT + "&upload_file_key=" + uploadFileKey
                        + "&filename=" + encodedFilename)
                .post("/callbacks/platform/upload")
                .then();
    }

    private static void assertNoCatalogEntry(String key) {
        given().auth().oauth2("test-admin-token").get("/api/v1/contents/{key}", key)
                .then().statusCode(404).body("error", equalTo("not_found"));
    }

    private void assertNoEventFor(String key) {
        String marker = newUploadFileKey();
        post("upload", upload(marker)).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !events.tap().matching(e -> marker.equals(e.subject())).isEmpty());
        assertTrue(events.tap().matching(e -> key.equals(e.subject())).isEmpty());
    }
}
