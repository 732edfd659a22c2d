package org.kollussuite.platform.callback;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kollussuite.commons.text.InputLimits;
import org.kollussuite.platform.domain.FieldLimits;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.kollussuite.platform.callback.PlatformCallbacksClient.*;

/** Every field is bounded at receipt (suite contract §7): what the catalog cannot keep is refused before it is accepted. */
@QuarkusTest
class FieldBoundsTest {

    private static final String ADMIN = "test-admin-token";

    @Test
    void aChannelNameLongerThanItsColumnIsRefusedBeforeItIsAccepted() {
        String key = newUploadFileKey();
        Map<String, String> form = channel(key, "ch-bounds", "mck-" + key);
        form.put("channel_name", "n".repeat(InputLimits.CHANNEL_NAME + 1));

        post("channel-add", form).statusCode(400).body("error", equalTo("invalid_parameter"))
                .body("message", containsString("channel_name"));

        inboxFor(key).body("$", hasSize(1)).body("[0].status", equalTo("rejected"))
                .body("[0].error", equalTo("invalid_parameter"));
        assertNoCatalogEntry(key);
    }

    static Stream<Arguments> fieldsOneOverTheirLimit() {
        return FieldLimits.FIELDS.stream().filter(field -> !field.equals("upload_file_key"))
                .map(field -> Arguments.of(field, FieldLimits.of(field)));
    }

    @ParameterizedTest(name = "{0} longer than {1} characters")
    @MethodSource("fieldsOneOverTheirLimit")
    void everyFieldLongerThanItsLimitIsRefusedAndRecordedAsRejected(String field, int limit) {
        String key = newUploadFileKey();
        Map<String, String> form = channel(key, "ch-bounds", "mck-" + key);
        form.put(field, "x".repeat(limit + 1));

        post("channel-add", form).statusCode(400).body("error", equalTo("invalid_parameter"))
                .body("message", containsString(field));

        inboxFor(key).body("$", hasSize(1)).body("[0].status", equalTo("rejected"));
        assertNoCatalogEntry(key);
    }

    @Test
    void anUploadFileKeyLongerThanAKeyIsRefused() {
        String key = newUploadFileKey();
        String tooLong = key + "k".repeat(InputLimits.KEY + 1 - key.length());

        post("upload", upload(tooLong)).statusCode(400).body("error", equalTo("invalid_parameter"))
                .body("message", containsString("upload_file_key"));

        inboxFor(tooLong.substring(0, InputLimits.KEY)).body("[0].error", equalTo("invalid_parameter"));
    }

    @Test
    void oneProfileKeyLongerThanAKeyIsRefusedEvenWhenTheWholeListFits() {
        String key = newUploadFileKey();
        Map<String, String> form = channel(key, "ch-bounds", "mck-" + key);
        form.put("profile_key", "acme-pc1-hd|" + "p".repeat(InputLimits.KEY + 1));

        post("channel-add", form).statusCode(400).body("error", equalTo("invalid_parameter"))
                .body("message", containsString("profile_key"));
        assertNoCatalogEntry(key);
    }

    @Test
    void everyFieldAtItsLimitIsAcceptedAndReachesTheCatalog() {
        String key = newUploadFileKey();
        String uploadFileKey = key + "u".repeat(InputLimits.KEY - key.length());
        Map<String, String> form = channel(uploadFileKey, "ch-" + key + "c".repeat(InputLimits.KEY - key.length() - 3),
                "mck-" + key + "m".repeat(InputLimits.KEY - key.length() - 4));
        form.put("channel_name", "n".repeat(InputLimits.CHANNEL_NAME));
        form.put("filename", "f".repeat(InputLimits.FILENAME));
        form.put("full_filename", "/".repeat(InputLimits.LONG));
        form.put("update_type", "t".repeat(InputLimits.SHORT));
        form.put("profile_key", ("p".repeat(InputLimits.KEY - 1) + "|").repeat(9) + "p".repeat(InputLimits.KEY));

        post("channel-add", form).statusCode(200).body("result", equalTo("accepted"));

        awaitInCatalog(uploadFileKey).body("filename", equalTo("f".repeat(InputLimits.FILENAME)))
                .body("channels[0].channelName", equalTo("n".repeat(InputLimits.CHANNEL_NAME)))
                .body("channels[0].profileKeys", hasSize(10));
        inboxFor(uploadFileKey).body("[0].error", nullValue());
    }

    @Test
    void aControlCharacterInAValueIsRefusedAndRecordedEscaped() {
        String key = newUploadFileKey();

        postRaw("upload", "content_provider_key=" + SERVICE_ACCOUNT + "&upload_file_key=" + key + "&filename=a%01b%1Bc")
                .statusCode(400).body("error", equalTo("invalid_parameter")).body("message", containsString("filename"));

        inboxFor(key).body("[0].status", equalTo("rejected")).body("[0].parameters.filename", equalTo("a\\u0001b\\u001bc"));
        assertNoCatalogEntry(key);
    }

    @Test
    void aControlCharacterInAParameterNameIsRefused() {
        String key = newUploadFileKey();

        postRaw("upload", "content_provider_key=" + SERVICE_ACCOUNT + "&upload_file_key=" + key + "&odd%07name=x")
                .statusCode(400).body("error", equalTo("invalid_parameter"));

        inboxFor(key).body("[0].status", equalTo("rejected"));
        assertNoCatalogEntry(key);
    }

    @Test
    void tabsAndLineBreaksAreOrdinaryText() {
        String key = newUploadFileKey();

        postRaw("upload", "content_provider_key=" + SERVICE_ACCOUNT + "&upload_file_key=" + key + "&filename=a%09b%0D%0Ac")
                .statusCode(200).body("result", equalTo("accepted"));

        awaitInCatalog(key).body("filename", equalTo("a\tb\r\nc"));
    }

    static ValidatableResponse postRaw(String type, String body) {
        return given().queryParam("token", TOKEN).contentType("application/x-www-form-urlencoded")
                .body(body).post("/callbacks/platform/" + type).then();
    }

    static ValidatableResponse inboxFor(String key) {
        return given().auth().oauth2(ADMIN).queryParam("uploadFileKey", key).get("/api/v1/callbacks").then().statusCode(200);
    }

    static void assertNoCatalogEntry(String key) {
        given().auth().oauth2(ADMIN).get("/api/v1/contents/{key}", key).then().statusCode(404);
    }

    private static ValidatableResponse awaitInCatalog(String key) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().auth().oauth2(ADMIN).get("/api/v1/contents/{key}", key).then().statusCode(200));
        return given().auth().oauth2(ADMIN).get("/api/v1/contents/{key}", key).then().statusCode(200);
    }
}
