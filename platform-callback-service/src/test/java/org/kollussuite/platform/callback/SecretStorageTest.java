package org.kollussuite.platform.callback;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kollussuite.platform.callback.PlatformCallbacksClient.*;

/** The callback token and the service account key never reach the inbox in clear, whatever the body looks like. */
@QuarkusTest
class SecretStorageTest {

    private static final String ADMIN = "test-admin-token";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "text/plain|upload_file_key=MARKER&TOKEN=SECRET",
            "text/plain|upload_file_key=MARKER&%74oken=SECRET",
            "text/plain|upload_file_key=MARKER&CONTENT_PROVIDER_KEY=SECRET",
            "text/plain|upload_file_key=MARKER&content%5Fprovider%5Fkey=SECRET",
            "application/json|{\"upload_file_key\":\"MARKER\",\"token\":\"SECRET\"}",
            "application/json|{\"upload_file_key\":\"MARKER\", \"Content_Provider_Key\" : \"SECRET\"}",
            "application/octet-stream|MARKER token=SECRET"})
    void aSecretParameterOfABodyThatIsNotAFormIsMaskedInTheRejectedRecord(String typeAndBody) {
        String marker = "marker-" + UUID.randomUUID();
        String secret = "secret-" + UUID.randomUUID();
        String[] parts = typeAndBody.split("\\|", 2);

        given().queryParam("token", TOKEN).contentType(parts[0])
                .body(parts[1].replace("MARKER", marker).replace("SECRET", secret).getBytes(StandardCharsets.UTF_8))
                .post("/callbacks/platform/upload")
                .then().statusCode(415).body("error", equalTo("unsupported_media_type"));

        String inbox = rejectedInbox();
        assertTrue(inbox.contains(marker), "the rejected body is recorded");
        assertFalse(inbox.contains(secret), "the secret is masked");
    }

    @Test
    void aLongSecretJsonStringIsMaskedInsteadOfFailingTheRecord() {
        String marker = "marker-" + UUID.randomUUID();
        String secret = "secret-" + UUID.randomUUID() + "\\\"x".repeat(8_000);

        given().queryParam("token", TOKEN).contentType("application/json")
                .body("{\"upload_file_key\":\"" + marker + "\",\"%54oken\":\"" + secret + "\",\"content_provider_key\":\""
                        + secret + "\"}")
                .post("/callbacks/platform/upload")
                .then().statusCode(415).body("error", equalTo("unsupported_media_type"));

        String inbox = rejectedInbox();
        assertTrue(inbox.contains(marker), "the rejected body is recorded");
        assertFalse(inbox.contains("secret-"), "both secrets are masked");
    }

    @Test
    void secretParametersOfAFormAreMaskedUnderAnySpellingOfTheirNames() {
        String key = newUploadFileKey();
        String secret = "secret-" + UUID.randomUUID();

        FieldBoundsTest.postRaw("upload", "upload_file_key=" + key + "&content_provider_key=wrong-" + secret
                        + "&TOKEN=" + secret + "&Content_Provider_Key=" + secret + "&%2574oken=" + secret)
                .statusCode(403).body("error", equalTo("invalid_content_provider_key"));

        FieldBoundsTest.inboxFor(key).body("[0].parameters", not(hasKey("TOKEN")))
                .body("[0].parameters.Content_Provider_Key", equalTo("***"))
                .body("[0].parameters.content_provider_key", equalTo("***"))
                .body("[0].parameters.'%74oken'", equalTo("***"))
                .body(not(containsString(secret)));
    }

    @Test
    void theConfiguredSecretsAreMaskedWhereverTheyAppearInAStoredBody() {
        String marker = "marker-" + UUID.randomUUID();

        given().queryParam("token", TOKEN).contentType("text/plain")
                .body(marker + " the key is " + SERVICE_ACCOUNT + ", the token " + TOKEN + " and again test%2Dcallback%2Dtoken")
                .post("/callbacks/platform/upload")
                .then().statusCode(415);

        String inbox = rejectedInbox();
        assertTrue(inbox.contains(marker));
        assertFalse(inbox.contains(SERVICE_ACCOUNT));
        assertFalse(inbox.contains(TOKEN));
        assertFalse(inbox.contains("test%2Dcallback%2Dtoken"));
    }

    @Test
    void theConfiguredSecretsAreMaskedInsideOtherValuesOfARejectedForm() {
        String key = newUploadFileKey();

        post("transcoding", form("content_provider_key", SERVICE_ACCOUNT, "upload_file_key", key,
                "transcoding_result", "maybe", "filename", "copy of " + TOKEN + ".mp4")).statusCode(400);

        FieldBoundsTest.inboxFor(key).body("[0].parameters.filename", equalTo("copy of ***.mp4"));
    }

    @Test
    void aRawBodyWithControlCharactersIsStoredEscaped() {
        String marker = "marker-" + UUID.randomUUID();

        given().queryParam("token", TOKEN).contentType("text/plain")
                .body((marker + " a\u0000b\u0001c").getBytes(StandardCharsets.UTF_8))
                .post("/callbacks/platform/upload")
                .then().statusCode(415).body("error", equalTo("unsupported_media_type"));

        assertTrue(rejectedInbox().contains(marker + " a\\\\u0000b\\\\u0001c"), "NUL and U+0001 are stored as escapes");
    }

    private static String rejectedInbox() {
        return given().auth().oauth2(ADMIN).queryParam("status", "rejected").queryParam("limit", 50)
                .get("/api/v1/callbacks").then().statusCode(200).extract().asString();
    }
}
