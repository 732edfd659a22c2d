package org.kollussuite.player.callback;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kollussuite.player.callback.PlayerCallbacksClient.COURSE;
import static org.kollussuite.player.callback.PlayerCallbacksClient.OPEN;
import static org.kollussuite.player.callback.PlayerCallbacksClient.TOKEN;
import static org.kollussuite.player.callback.PlayerCallbacksClient.drm;
import static org.kollussuite.player.callback.PlayerCallbacksClient.form;
import static org.kollussuite.player.callback.PlayerCallbacksClient.grant;
import static org.kollussuite.player.callback.PlayerCallbacksClient.newContent;
import static org.kollussuite.player.callback.PlayerCallbacksClient.newUser;
import static org.kollussuite.player.callback.PlayerCallbacksClient.rejectedRecordOf;
import static org.kollussuite.player.callback.PlayerCallbacksClient.verified;

/** A device renewing every download at once: hundreds of items in one DRM request, up to its own body limit. */
@QuarkusTest
class DrmBulkRenewalTest {

    private static final int DEFAULT_PLAYER_LIMIT = 64 * 1024;
    private static final int DRM_LIMIT = 1024 * 1024;

    @TestHTTPResource("/")
    URL base;

    /** A kind-3 item as the mobile SDK sends it in a bulk renewal ({@code reset_req=1}). */
    private static String renewal(String user, String content, int index) {
        return "{\"kind\":3,\"client_user_id\":\"" + user + "\",\"player_id\":\"8272B31730355AA3C8384FCD42AD9DD4CFF2FED2\","
                + "\"hardware_id\":\"\",\"device_name\":\"SM-G991N\",\"media_content_key\":\"" + content + "\","
                + "\"uservalues\":{\"uservalue0\":\"course-42\",\"uservalue1\":\"lesson-" + index + "\"},"
                + "\"localtime\":1735689600,\"start_at\":" + (1735689600 + index) + ",\"content_expired\":0,"
                + "\"check_expired\":0,\"reset_req\":1,\"expiration_date\":1767225599,\"session_key\":\"s-" + index + "\"}";
    }

    @Test
    void aThreeHundredItemRenewalIsAnsweredItemByItemInOrder() {
        String entitled = newUser();
        String stranger = newUser();
        grant(entitled, COURSE, null, null, true);
        List<String> items = new ArrayList<>();
        List<String> contents = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String content = newContent();
            contents.add(content);
            if (i % 50 == 7) {
                items.add("{\"kind\":9,\"client_user_id\":\"" + entitled + "\",\"media_content_key\":\"" + content + "\"}");
            } else {
                items.add(renewal(i % 3 == 0 ? stranger : entitled, content, i));
            }
        }
        String body = "[" + String.join(",", items) + "]";
        assertTrue(body.length() > DEFAULT_PLAYER_LIMIT, "larger than the play limit: " + body.length());

        JsonNode data = drm(COURSE, form("items", body));

        assertEquals(300, data.size(), "every item is answered");
        for (int i = 0; i < 300; i++) {
            JsonNode answer = data.get(i);
            assertEquals(contents.get(i), answer.get("media_content_key").textValue(), "answer " + i + " is in request order");
            if (i % 50 == 7) {
                assertEquals(0, answer.get("result").intValue(), "the bad item " + i + " is denied on its own");
            } else if (i % 3 == 0) {
                assertEquals(0, answer.get("result").intValue(), "item " + i + " has no entitlement");
                assertEquals(1, answer.get("content_expired").intValue());
                assertEquals("s-" + i, answer.get("session_key").textValue());
            } else {
                assertEquals(1, answer.get("result").intValue(), "item " + i + " is entitled");
                assertEquals(0, answer.get("content_expired").intValue());
                assertEquals(1735689600L + i, answer.get("start_at").longValue());
            }
        }
        String reasons = rejectedRecordOf(COURSE, entitled).get("message").toString();
        assertTrue(reasons.contains("item 7: kind 9") && reasons.contains("item 257: kind 9"), reasons);
    }

    @Test
    void aDrmBodyAnnouncedOverItsLimitIsRefusedBeforeItIsSent() throws IOException {
        String user = newUser();
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(head(user, "Content-Length: " + 2 * DRM_LIMIT));
            out.write("items=".getBytes(StandardCharsets.US_ASCII));
            out.flush();

            assertSignedRefusal(socket.getInputStream());
        }
        assertEquals("payload_too_large", rejectedRecordOf(OPEN, user).get("error"));
    }

    @Test
    void aDrmBodyStreamedPastItsLimitIsRefusedWhileItIsReadAndTheConnectionClosed() throws IOException {
        String user = newUser();
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(head(user, "Transfer-Encoding: chunked"));
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'a');
            for (int sent = 0; sent <= DRM_LIMIT; sent += chunk.length) {
                chunk(out, chunk);
            }
            out.flush();

            assertSignedRefusal(socket.getInputStream());
            // The body never ends: had the service buffered it whole, it would still be waiting for it.
            assertThrows(IOException.class, () -> {
                for (int i = 0; i < 2048; i++) {
                    chunk(out, chunk);
                }
            }, "the rest of the body is not taken in: the connection is closed");
        }
        assertEquals("payload_too_large", rejectedRecordOf(OPEN, user).get("error"));
    }

    @Test
    void aDrmBodyWithinItsLimitButOverThePlayLimitIsDecided() {
        String content = newContent();
        String padding = "x".repeat(200 * 1024);

        JsonNode data = drm(OPEN, form("items", "[" + renewal(newUser(), content, 1) + "]", "padding", padding));

        assertEquals(1, data.get(0).get("result").intValue());
        assertEquals(content, data.get(0).get("media_content_key").textValue());
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(base.getHost(), base.getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static byte[] head(String user, String framing) {
        return ("POST /callbacks/channels/" + OPEN + "/drm?token=" + TOKEN + "&client_user_id=" + user + " HTTP/1.1\r\n"
                + "Host: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n" + framing + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static void chunk(OutputStream out, byte[] chunk) throws IOException {
        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(chunk);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads one HTTP answer and checks it is a signed denial of one item. */
    private static void assertSignedRefusal(InputStream in) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        String text = "";
        while (!text.contains("\r\n\r\n") || !complete(text)) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            read.write(buffer, 0, n);
            text = read.toString(StandardCharsets.UTF_8);
        }
        assertTrue(text.startsWith("HTTP/1.1 200"), text);
        JsonNode data = verified(text.substring(text.indexOf("\r\n\r\n") + 4).strip()).get("data");
        assertEquals(1, data.size(), "one signed denial for the whole request");
        assertEquals(0, data.get(0).get("result").intValue());
    }

    private static boolean complete(String text) {
        String headers = text.substring(0, text.indexOf("\r\n\r\n")).toLowerCase();
        int at = headers.indexOf("content-length:");
        int length = Integer.parseInt(headers.substring(at + 15, headers.indexOf('\r', at) < 0 ? headers.length()
                : headers.indexOf('\r', at)).strip());
        return text.length() - text.indexOf("\r\n\r\n") - 4 >= length;
    }
}
