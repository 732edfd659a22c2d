package org.kollussuite.lms.callback;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.kollussuite.commons.testing.Metrics;
import org.kollussuite.commons.testing.RawHttp;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kollussuite.lms.callback.LmsClient.ADMIN;
import static org.kollussuite.lms.callback.LmsClient.FLAT;
import static org.kollussuite.lms.callback.LmsClient.MATH;
import static org.kollussuite.lms.callback.LmsClient.TOKEN;
import static org.kollussuite.lms.callback.LmsClient.flat;
import static org.kollussuite.lms.callback.LmsClient.newContent;
import static org.kollussuite.lms.callback.LmsClient.newUser;
import static org.kollussuite.lms.callback.LmsClient.progress;
import static org.kollussuite.lms.callback.LmsClient.quarantined;
import static org.kollussuite.lms.callback.LmsClient.snapshot;
import static org.kollussuite.lms.callback.LmsClient.store;

/**
 * Every snapshot outside the suite's bounded input (suite contract §7) is quarantined and answered
 * {@code {"result":1}}, never merged and never answered with an error status; the token is stored nowhere,
 * under whatever spelling of its name it arrives.
 */
@QuarkusTest
class BoundedSnapshotTest {

    private static final String URL = "/callbacks/channels/" + MATH + "/lms";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String STORED = "{\"result\":1}";
    /** 2^64 + 100: read as a 64-bit integer that wraps, it would be 100. */
    private static final String BEYOND_64_BITS = "18446744073709551716";

    @Inject
    AgroalDataSource dataSource;

    @ParameterizedTest(name = "the token as ?{0}= authenticates and is stored nowhere")
    @ValueSource(strings = {"TOKEN", "Token", "%74oken", "%54OKEN", "%2574oken"})
    void aTokenUnderAnySpellingOfItsNameAuthenticatesAndIsNotStoredWithTheSession(String name) throws Exception {
        String user = newUser();
        String content = newContent();
        ObjectNode document = snapshot(user, content, 100, 60, 60, 60, Set.of(0));
        String query = name.equals("%2574oken") ? "token=" + TOKEN + "&" + name + "=" + TOKEN : name + "=" + TOKEN;

        RawHttp.Answer answer = send(URL + "?" + query, "json_data=" + encoded(document.toString())
                + "&TOKEN=" + TOKEN + "&%2574oken=" + TOKEN);

        assertEquals(200, answer.status(), answer.text());
        assertEquals(STORED, answer.text());
        assertEquals(10, progress(MATH, content, user).getInt("percent"));
        List<String> stored = storedSessions(user);
        assertEquals(1, stored.size());
        assertFalse(stored.get(0).contains(TOKEN), "the session keeps no token: " + stored.get(0));
    }

    @Test
    void aQuarantinedSnapshotKeepsNoTokenUnderAnySpellingInItsQueryOrBody() throws Exception {
        String marker = "marker-" + newUser();

        RawHttp.Answer answer = send(URL + "?%74oken=" + TOKEN + "&TOKEN=" + TOKEN + "&%2574oken=" + TOKEN
                        + "&note=" + encoded("copy %74oken=" + TOKEN),
                "json_data=" + encoded("{\"user_info\":{\"client_user_id\":\"" + marker + "\",\"token\":\"" + TOKEN
                        + "\"") + "&ToKeN=" + TOKEN + "&token=other-value");

        assertEquals(200, answer.status(), answer.text());
        Map<String, Object> entry = quarantined(MATH, marker);
        assertEquals("malformed_json", entry.get("reason"));
        assertFalse(entry.toString().contains(TOKEN), "the token is stored nowhere: " + entry);
        assertFalse(entry.toString().contains("other-value"), "no token-named value is kept: " + entry);
    }

    @Test
    void aPlaytimeBeyond64BitsIsQuarantinedNamingTheValueAndNeverWraps() throws Exception {
        String user = newUser();
        String content = newContent();
        store(snapshot(user, content, 100, 60, 60, 60, Set.of(0)));
        ObjectNode document = snapshot(user, content, 200, 0, 60, 60, Set.of(0));
        String body = document.toString().replace("\"playtime\":0", "\"playtime\":" + BEYOND_64_BITS);

        RawHttp.Answer answer = send(URL + "?token=" + TOKEN, "json_data=" + encoded(body));

        assertEquals(STORED, answer.text());
        Map<String, Object> entry = quarantined(MATH, user);
        assertEquals("invalid_number", entry.get("reason"));
        assertTrue(String.valueOf(entry.get("message")).contains("playtime " + BEYOND_64_BITS), entry.toString());
        assertEquals(60, progress(MATH, content, user).getLong("playtime"), "no wrapped playtime was merged");
        assertEquals(1, progress(MATH, content, user).getInt("sessions"));
    }

    @Test
    void aFlatPlaytimeBeyond64BitsIsQuarantinedToo() throws Exception {
        String user = newUser();
        Map<String, String> values = flat(snapshot(user, newContent(), 100, 60, 60, 60, Set.of(0)));
        values.put("PT", BEYOND_64_BITS);
        StringBuilder form = new StringBuilder();
        values.forEach((name, value) -> form.append(form.isEmpty() ? "" : "&").append(name).append('=').append(value));

        RawHttp.Answer answer = send("/callbacks/channels/" + FLAT + "/lms?token=" + TOKEN, form.toString());

        assertEquals(STORED, answer.text());
        Map<String, Object> entry = quarantined(FLAT, user);
        assertEquals("invalid_number", entry.get("reason"));
        assertTrue(String.valueOf(entry.get("message")).contains(BEYOND_64_BITS), entry.toString());
        assertTrue(storedSessions(user).isEmpty(), "nothing was merged");
    }

    @ParameterizedTest(name = "{0}={1} is quarantined")
    @CsvSource(delimiter = '|', value = {
            "client_user_id   | 201 characters",
            "media_content_key| 201 characters",
            "hardware_id      | 201 characters",
            "session_key      | 201 characters",
            "device_name      | a bell \u0007 rings",
            "player_id        | a\ttab",
            "host_name        | 201 characters",
    })
    void aValueOutsideTheBoundedInputIsQuarantinedAndNotStoredAsProgress(String field, String value)
            throws Exception {
        String user = newUser();
        String content = newContent();
        ObjectNode document = snapshot(user, content, 100, 60, 60, 60, Set.of(0));
        String bad = value.equals("201 characters") ? "k".repeat(201) : value;
        String section = field.equals("media_content_key") || field.equals("session_key") ? "content_info" : "user_info";
        ((ObjectNode) document.get(section)).put(field, bad);
        String marker = "marker-" + newUser();
        document.put("marker", marker);
        double before = Metrics.sum("kollus_lms_quarantined_total");

        RawHttp.Answer answer = send(URL + "?token=" + TOKEN, "json_data=" + encoded(document.toString()));

        assertEquals(200, answer.status(), answer.text());
        assertEquals(STORED, answer.text());
        Map<String, Object> entry = quarantined(MATH, marker);
        assertEquals("invalid_parameter", entry.get("reason"));
        assertTrue(String.valueOf(entry.get("message")).contains(field), entry.toString());
        assertTrue(storedSessions(field.equals("client_user_id") ? bad : user).isEmpty(), "nothing was merged");
        assertEquals(before + 1, Metrics.sum("kollus_lms_quarantined_total"));
    }

    @ParameterizedTest(name = "a query with {0} reaches the route and is quarantined")
    @ValueSource(strings = {"a=%zz", "a=%", "a=%4", "%zz=1", "%=%"})
    void aQueryWithABrokenEscapeIsQuarantinedNotRefused(String pair) throws Exception {
        String user = newUser();
        String content = newContent();
        String body = "json_data=" + encoded(snapshot(user, content, 100, 60, 60, 60, Set.of(0)).toString());

        RawHttp.Answer first = send(URL + "?token=" + TOKEN + "&" + pair, body);
        RawHttp.Answer last = send(URL + "?" + pair + "&token=" + TOKEN, body);

        assertEquals(200, first.status(), first.text());
        assertEquals(STORED, first.text());
        assertEquals(STORED, last.text());
        Map<String, Object> entry = quarantined(MATH, user);
        assertEquals("malformed_form", entry.get("reason"));
        assertTrue(storedSessions(user).isEmpty(), "nothing was merged");
    }

    @ParameterizedTest(name = "{0} {1} is answered {2} and quarantines nothing")
    @CsvSource({
            "POST, ?token=wrong-token, 401",
            "POST, ?token=%zz, 401",
            "POST, '', 401",
            "GET, ?token=" + TOKEN + ", 405",
            "PUT, ?token=" + TOKEN + ", 405",
            "DELETE, ?token=" + TOKEN + ", 405",
    })
    void anUnauthenticatedSnapshotOrAnotherMethodStoresNothing(String method, String query, int status)
            throws Exception {
        String user = newUser();
        String body = "json_data=" + encoded(snapshot(user, newContent(), 100, 60, 60, 60, Set.of(0)).toString());
        double before = Metrics.sum("kollus_lms_quarantined_total");

        RawHttp.Answer answer = RawHttp.send("localhost", RestAssured.port,
                new RawHttp.Request(method, URL + query, FORM, body.getBytes(StandardCharsets.UTF_8)));
        RawHttp.Answer unknownChannel = send("/callbacks/channels/nowhere/lms?token=" + TOKEN, body);

        assertEquals(status, answer.status(), answer.text());
        assertTrue(answer.text().contains("\"error\""), answer.text());
        assertEquals(404, unknownChannel.status());
        assertEquals(before, Metrics.sum("kollus_lms_quarantined_total"));
        assertTrue(storedSessions(user).isEmpty());
        given().header("Authorization", ADMIN).queryParam("clientUserId", user).get("/api/v1/progress")
                .then().statusCode(200).body("size()", org.hamcrest.Matchers.equalTo(0));
    }

    private static RawHttp.Answer send(String target, String form) throws IOException {
        return RawHttp.send("localhost", RestAssured.port,
                new RawHttp.Request("POST", target, FORM, form.getBytes(StandardCharsets.UTF_8)));
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** The snapshot documents the sessions of {@code user} keep, as stored. */
    private List<String> storedSessions(String user) throws SQLException {
        List<String> snapshots = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select snapshot from lms_session where client_user_id = ?")) {
            select.setString(1, user);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    snapshots.add(rows.getString(1));
                }
            }
        }
        return snapshots;
    }
}
