package org.kollussuite.lms.callback;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kollussuite.commons.testing.Metrics;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kollussuite.lms.callback.LmsClient.ADMIN;
import static org.kollussuite.lms.callback.LmsClient.MATH;
import static org.kollussuite.lms.callback.LmsClient.TOKEN;
import static org.kollussuite.lms.callback.LmsClient.newContent;
import static org.kollussuite.lms.callback.LmsClient.newUser;
import static org.kollussuite.lms.callback.LmsClient.post;
import static org.kollussuite.lms.callback.LmsClient.progress;
import static org.kollussuite.lms.callback.LmsClient.quarantined;
import static org.kollussuite.lms.callback.LmsClient.snapshot;
import static org.kollussuite.lms.callback.LmsClient.store;

/** An authenticated snapshot that cannot be read is kept raw and answered 200, and changes nothing else. */
@QuarkusTest
class QuarantinedSnapshotTest {

    @ParameterizedTest(name = "{0} is quarantined as {1}")
    @CsvSource(delimiter = '|', value = {
            "/user_info/client_user_id=               | missing_parameter",
            "/content_info/media_content_key=          | missing_parameter",
            "/content_info/start_at=                   | missing_parameter",
            "/content_info/playtime=ten                | invalid_number",
            "/content_info/real_playtime=99999999999999999999 | invalid_number",
            "/user_info/player_id=nul\u0000id          | invalid_parameter"
    })
    void anUnreadableSnapshotIsQuarantinedAnsweredAndChangesNothing(String change, String reason) {
        String user = newUser();
        String content = newContent();
        store(snapshot(user, content, 100, 60, 60, 60, Set.of(0)));
        double before = Metrics.sum("kollus_lms_quarantined_total");
        ObjectNode bad = snapshot(user, content, 200, 900, 900, 900, Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        String[] pathAndValue = change.split("=", 2);
        String path = pathAndValue[0].substring(0, pathAndValue[0].lastIndexOf('/'));
        String field = pathAndValue[0].substring(pathAndValue[0].lastIndexOf('/') + 1);
        ObjectNode parent = (ObjectNode) bad.at(path);
        if (pathAndValue[1].isEmpty()) {
            parent.remove(field);
        } else {
            parent.put(field, pathAndValue[1]);
        }
        String marker = "marker-" + newUser();
        bad.put("marker", marker);

        post(MATH, "json_data", bad.toString()).statusCode(200).contentType("application/json")
                .body("result", equalTo(1));

        Map<String, Object> entry = quarantined(MATH, marker);
        assertEquals(reason, entry.get("reason"));
        assertEquals("quarantined", entry.get("status"));
        assertEquals(true, entry.get("reappliable"));
        assertEquals(10, progress(MATH, content, user).getInt("percent"), "the learner's progress is untouched");
        assertEquals(60, progress(MATH, content, user).getLong("playtime"));
        assertEquals(before + 1, Metrics.sum("kollus_lms_quarantined_total"));
    }

    @Test
    void imperfectValuesAreNormalizedStoredAndCounted() {
        String user = newUser();
        String content = newContent();
        double before = Metrics.sum("kollus_lms_normalized_values_total");
        ObjectNode document = snapshot(user, content, 100, 60, 60, 60, Set.of(0));
        ((ObjectNode) document.get("content_info")).put("playtime", 61.8).put("last_play_at", 5000);
        ((ObjectNode) document.at("/block_info/blocks")).put("p3", 150).put("b2", 2).put("b12", 1);

        store(document);

        var progress = progress(MATH, content, user);
        assertEquals(List.of(0, 2), progress.getList("watchedBlocks", Integer.class), "b2=2 counts as watched");
        assertEquals(61, progress.getLong("playtime"));
        assertEquals(1000, progress.getInt("lastPosition"), "clamped to the duration");
        assertEquals(List.of("fraction_truncated", "percent_clamped", "flag_nonzero", "position_clamped",
                "block_out_of_range"), progress.getList("normalized", String.class));
        assertEquals(before + 5, Metrics.sum("kollus_lms_normalized_values_total"));
    }

    @Test
    void malformedJsonIsQuarantinedWithTheTokenRemovedUnderAnySpelling() {
        String marker = "marker-" + newUser();

        given().queryParam("token", TOKEN).queryParam("Token", TOKEN).queryParam("note", "copy-" + TOKEN)
                .formParam("json_data", "{\"user_info\":{\"client_user_id\":\"" + marker + "\"")
                .formParam("TOKEN", TOKEN)
                .post("/callbacks/channels/" + MATH + "/lms")
                .then().statusCode(200).body("result", equalTo(1));

        Map<String, Object> entry = quarantined(MATH, marker);
        assertEquals("malformed_json", entry.get("reason"));
        assertFalse(entry.toString().contains(TOKEN), "the token is stored nowhere: " + entry);
        assertTrue(String.valueOf(entry.get("parameters")).contains("note=copy-[redacted]"), entry.toString());
    }

    @Test
    void aSnapshotWithoutAnyDocumentOrFlatValuesIsQuarantined() {
        String marker = "marker-" + newUser();

        given().queryParam("token", TOKEN).formParam("client_user_id", marker)
                .post("/callbacks/channels/" + MATH + "/lms")
                .then().statusCode(200).body("result", equalTo(1));

        assertEquals("missing_parameter", quarantined(MATH, marker).get("reason"));
    }

    @Test
    void theQuarantineListIsFilteredByReasonAndStatusAndRefusesUnknownOnes() {
        String marker = "marker-" + newUser();
        post(MATH, "json_data", "{\"oops\":\"" + marker + "\",").statusCode(200);
        quarantined(MATH, marker);

        List<Map<String, Object>> malformed = given().header("Authorization", ADMIN).queryParam("reason", "malformed_json")
                .queryParam("status", "quarantined").get("/api/v1/quarantine")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertTrue(malformed.stream().allMatch(e -> e.get("reason").equals("malformed_json")));
        assertTrue(malformed.stream().anyMatch(e -> String.valueOf(e.get("body")).contains(marker)));

        given().header("Authorization", ADMIN).queryParam("status", "lost").get("/api/v1/quarantine")
                .then().statusCode(400).body("error", equalTo("invalid_parameter"));
        given().header("Authorization", ADMIN).queryParam("reason", "whatever").get("/api/v1/quarantine")
                .then().statusCode(400).body("error", equalTo("invalid_parameter"));
        given().get("/api/v1/quarantine").then().statusCode(401);
    }

    @Test
    void reapplyingAnEntryThatStillCannotBeReadKeepsItQuarantined() {
        String marker = "marker-" + newUser();
        post(MATH, "json_data", "{\"oops\":\"" + marker + "\",").statusCode(200);
        long id = ((Number) quarantined(MATH, marker).get("id")).longValue();

        given().header("Authorization", ADMIN).post("/api/v1/quarantine/" + id + "/apply")
                .then().statusCode(200).body("status", equalTo("quarantined")).body("reason", equalTo("malformed_json"));
        given().header("Authorization", ADMIN).post("/api/v1/quarantine/999999999/apply")
                .then().statusCode(404).body("error", equalTo("not_found"));
    }

    @Test
    void aWrongTokenIsRefusedAndAnUnknownChannelIsNotFoundAndNeitherIsQuarantined() {
        String marker = "marker-" + newUser();
        given().queryParam("token", "wrong").formParam("json_data", marker)
                .post("/callbacks/channels/" + MATH + "/lms").then().statusCode(401);
        given().queryParam("token", TOKEN).formParam("json_data", marker)
                .post("/callbacks/channels/elsewhere/lms").then().statusCode(404).body("error", equalTo("unknown_channel"));

        List<Map<String, Object>> all = given().header("Authorization", ADMIN).queryParam("limit", 1000)
                .get("/api/v1/quarantine").then().statusCode(200).extract().jsonPath().getList("$");
        assertFalse(all.toString().contains(marker));
    }
}
