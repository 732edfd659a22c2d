package org.kollussuite.lms.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kollussuite.commons.testing.RawHttp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kollussuite.lms.callback.LmsClient.ADMIN;

/**
 * Admin API input outside the suite's bounded input (suite contract §7) is refused with 400 JSON
 * {@code invalid_parameter} before it reaches the database, never answered 500 or with a bare framework page.
 */
@QuarkusTest
class AdminInputTest {

    /** Stands in a target for an id one character over the admin APIs' 200. */
    private static final String LONG_ID = "{long}";

    @ParameterizedTest(name = "{0} {1} is refused as invalid")
    @CsvSource({
            "GET, /api/v1/progress?clientUserId=a%00b",
            "GET, /api/v1/progress?mediaContentKey=%01",
            "GET, /api/v1/progress?channel={long}",
            "GET, /api/v1/progress?limit=abc",
            "GET, /api/v1/progress?limit=99999999999",
            "GET, /api/v1/progress?offset=-1",
            "GET, /api/v1/progress?a=%zz",
            "GET, /api/v1/progress/a%00b/mck/learner",
            "GET, /api/v1/progress/math-channel/mck/{long}",
            "GET, /api/v1/progress/math-channel/mck%7F",
            "GET, /api/v1/progress/a;b/%25",
            "GET, /api/v1/progress/math-channel;x=1/mck/learner",
            "GET, /api/v1/quarantine?channel=a%00",
            "GET, /api/v1/quarantine?reason=%00",
            "GET, /api/v1/quarantine?reason=no_such_reason",
            "GET, /api/v1/quarantine?status=%1B",
            "GET, /api/v1/quarantine?status=lost",
            "GET, /api/v1/quarantine?limit=1e3",
            "GET, /api/v1/quarantine?offset=2147483648",
            "POST, /api/v1/quarantine/abc/apply",
            "POST, /api/v1/quarantine/99999999999999999999/apply",
            "POST, /api/v1/quarantine/-1/apply",
            "POST, /api/v1/quarantine/apply?channel=a%00",
            "POST, /api/v1/quarantine/apply?channel={long}",
            "POST, /api/v1/quarantine/apply?channel=%zz",
    })
    void aFilterOrIdOutsideTheBoundsIsRefusedWithJson(String method, String target) throws IOException {
        RawHttp.Answer answer = RawHttp.send("localhost", RestAssured.port,
                new RawHttp.Request(method, target.replace(LONG_ID, "x".repeat(201)), "", new byte[0]).withHeader("Authorization", ADMIN));

        assertEquals(400, answer.status(), answer.text());
        assertTrue(answer.header("Content-Type").startsWith("application/json"), answer.header("Content-Type"));
        assertTrue(answer.text().contains("\"error\":\"invalid_parameter\""), answer.text());
    }

    @ParameterizedTest(name = "{0} is still a 404 of its own")
    @CsvSource({"/api/v1/progress/math-channel/no-such-content/no-such-learner", "/api/v1/nothing"})
    void aWellFormedMissOrAnUnknownPathIsNotFoundInJson(String target) throws IOException {
        RawHttp.Answer answer = RawHttp.send("localhost", RestAssured.port,
                new RawHttp.Request("GET", target, "", new byte[0]).withHeader("Authorization", ADMIN));

        assertEquals(404, answer.status(), answer.text());
        assertTrue(answer.text().contains("\"error\":\"not_found\""), answer.text());
        assertTrue(new String(answer.body(), StandardCharsets.UTF_8).contains("\"message\""), answer.text());
    }
}
