package org.kollussuite.commons.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.kollussuite.commons.testing.RawHttp;

@QuarkusTest
class FrameworkRefusalsTest {

    private static final String FORM = "application/x-www-form-urlencoded";

    @Test
    void aBrokenEscapeInAnAdminQueryIsAnsweredInJsonNotWithAnEmptyPage() throws Exception {
        RawHttp.Answer answer = send(new RawHttp.Request("GET", "/api/v1/channels?limit=%zz", "", new byte[0]));

        assertEquals(400, answer.status());
        assertEquals("invalid_parameter", JsonPath.from(answer.text()).getString("error"));
    }

    @Test
    void aRawSemicolonInAnAdminPathIsRefusedInJsonBeforeTheRestLayerDecodesThePathTwice() throws Exception {
        RawHttp.Answer answer = send(new RawHttp.Request("GET", "/api/v1/channels/';x/%25", "", new byte[0])
                .withHeader("Authorization", "Bearer test-admin-token"));

        assertEquals(400, answer.status());
        assertEquals("invalid_parameter", JsonPath.from(answer.text()).getString("error"));
    }

    @Test
    void aBrokenEscapeInAPlatformCallbackQueryIsAnsweredInJson() throws Exception {
        RawHttp.Answer answer = send(new RawHttp.Request("POST", "/callbacks/platform/echo?a=%zz", FORM,
                "b=1".getBytes(StandardCharsets.UTF_8)));

        assertEquals(400, answer.status());
        assertEquals("invalid_parameter", JsonPath.from(answer.text()).getString("error"));
    }

    @Test
    void aBodyDeclaredOverTheHttpLimitIsRefusedInJsonBeforeItIsRead() throws Exception {
        RawHttp.Answer answer = send(new RawHttp.Request("POST", "/callbacks/platform/echo", FORM, new byte[0])
                .withHeader("Content-Length", "999999999999"));

        assertEquals(413, answer.status());
        assertEquals("payload_too_large", JsonPath.from(answer.text()).getString("error"));
    }

    @Test
    void anUndecodableChannelInThePathIsAnUnknownChannel() throws Exception {
        RawHttp.Answer answer = send(new RawHttp.Request("POST", "/callbacks/channels/%zz/echo", FORM, new byte[0]));

        assertEquals(404, answer.status());
        assertEquals("unknown_channel", JsonPath.from(answer.text()).getString("error"));
    }

    @Test
    void aBrokenEscapeInAChannelQueryReachesTheServiceWhichAnswersItInItsOwnShape() throws Exception {
        RawHttp.Answer answer = send(new RawHttp.Request("POST",
                "/callbacks/channels/demo-channel-key/echo?token=test-callback-token&a=%zz", FORM,
                "b=1".getBytes(StandardCharsets.UTF_8)));

        assertEquals(400, answer.status(), answer.text());
        assertEquals("malformed_form", JsonPath.from(answer.text()).getString("error"));
    }

    private static RawHttp.Answer send(RawHttp.Request request) throws Exception {
        return RawHttp.send("localhost", RestAssured.port, request);
    }
}
