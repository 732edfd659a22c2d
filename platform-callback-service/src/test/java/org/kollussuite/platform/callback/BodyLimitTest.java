package org.kollussuite.platform.callback;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.kollussuite.commons.testing.RawHttp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kollussuite.platform.callback.PlatformCallbacksClient.*;

/**
 * A body over {@code PLATFORM_CALLBACKS_MAX_BODY_SIZE} is refused while it arrives, never buffered first, and
 * refusals of the HTTP layer itself answer the contract's JSON error too.
 */
@QuarkusTest
class BodyLimitTest {

    private static final String UPLOAD = "/callbacks/platform/upload?token=" + TOKEN;

    @Test
    void aDeclaredBodyOverTheLimitIsRefusedBeforeItIsSentAndRecordedAsRejected() throws IOException {
        // Only the head is sent: the answer must come without the service waiting for the 50 MB announced.
        String answer = exchange("POST " + UPLOAD + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 50000000\r\n\r\nupload_file_key=x");

        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.contains("\"error\":\"payload_too_large\""), answer);
        assertTrue(answer.toLowerCase().contains("connection: close"), answer);
        given().auth().oauth2("test-admin-token").queryParam("status", "rejected").queryParam("type", "upload")
                .get("/api/v1/callbacks").then().statusCode(200).body("error", hasItem("payload_too_large"));
    }

    @Test
    void aChunkedBodyIsRefusedAsSoonAsItPassesTheLimit() throws IOException {
        StringBuilder request = new StringBuilder("POST " + UPLOAD + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n");
        String chunk = "a".repeat(16 * 1024);
        for (int i = 0; i < 5; i++) {
            request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        // The last chunk is never sent: the service answers once it read past 64 KiB.
        String answer = exchange(request.toString());

        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.contains("\"error\":\"payload_too_large\""), answer);
    }

    @Test
    void aBodyJustUnderTheLimitIsRead() {
        String key = newUploadFileKey();
        StringBuilder body = new StringBuilder("content_provider_key=" + SERVICE_ACCOUNT + "&upload_file_key=" + key
                + "&padding=");
        body.append("p".repeat(64 * 1024 - body.length()));

        FieldBoundsTest.postRaw("upload", body.toString()).statusCode(200).body("result", equalTo("accepted"));
    }

    @Test
    void aContentLengthBeyondTheHttpLimitAnswersJsonOnEveryPath() throws IOException {
        for (String target : new String[]{UPLOAD, "/api/v1/contents", "/no/such/path"}) {
            String answer = exchange("POST " + target + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 99999999999\r\n\r\n");

            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.contains("\"error\":\"payload_too_large\""), target + ": " + answer);
        }
    }

    @Test
    void aRequestTargetWithBrokenPercentEncodingAnswersJson() throws IOException {
        for (String target : new String[]{UPLOAD + "&a=%zz", "/api/v1/callbacks?status=%", "/api/v1/contents/a%zzb",
                "/callbacks/platform/upload?token=" + TOKEN + "&filename={x}"}) {
            RawHttp.Answer answer = RawHttp.send("localhost", RestAssured.port,
                    new RawHttp.Request("POST", target, "application/x-www-form-urlencoded",
                            ("content_provider_key=" + SERVICE_ACCOUNT + "&upload_file_key=" + UUID.randomUUID())
                                    .getBytes(StandardCharsets.UTF_8)).withHeader("Authorization", "Bearer test-admin-token"));

            assertEquals(400, answer.status(), target);
            assertTrue(answer.text().contains("\"error\":\"invalid_parameter\""), target + ": " + answer.text());
        }
    }

    /** Sends {@code request} as it is and reads whatever is answered until the service closes the connection. */
    private static String exchange(String request) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    answer.write(buffer, 0, n);
                }
            } catch (java.net.SocketException reset) {
                // Closed hard after the answer: keep what arrived.
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
