package org.kollussuite.lms.callback;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.kollussuite.lms.callback.LmsClient.ADMIN;
import static org.kollussuite.lms.callback.LmsClient.MATH;
import static org.kollussuite.lms.callback.LmsClient.TOKEN;
import static org.kollussuite.lms.callback.LmsClient.newContent;
import static org.kollussuite.lms.callback.LmsClient.newUser;
import static org.kollussuite.lms.callback.LmsClient.post;
import static org.kollussuite.lms.callback.LmsClient.progress;
import static org.kollussuite.lms.callback.LmsClient.snapshot;
import static org.kollussuite.lms.callback.LmsClient.store;

@QuarkusTest
class BadSnapshotTest {

    private static Map<String, Object> rejectedRecordOf(String marker) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> {
            List<Map<String, Object>> rejected = given().header("Authorization", ADMIN)
                    .queryParam("status", "rejected").queryParam("channel", MATH).queryParam("limit", 200)
                    .get("/api/v1/callbacks").then().statusCode(200).extract().jsonPath().getList("$");
            return rejected.stream().filter(r -> r.get("parameters").toString().contains(marker)).findFirst();
        }, java.util.Optional::isPresent).orElseThrow();
    }

    @ParameterizedTest(name = "{0} gets 400 {1}")
    @CsvSource(delimiter = '|', value = {
            "/user_info/client_user_id=               | missing_parameter | client_user_id is required",
            "/content_info/media_content_key=          | missing_parameter | media_content_key is required",
            "/content_info/start_at=                   | missing_parameter | start_at",
            "/content_info/playtime=-5                 | invalid_parameter | playtime must be at least 0",
            "/content_info/duration=0                  | invalid_parameter | duration must be at least 1",
            "/content_info/last_play_at=5000           | invalid_parameter | last_play_at must be at most 1005",
            "/block_info/blocks/p3=150                 | invalid_parameter | p3 must be at most 100",
            "/block_info/blocks/b12=1                  | invalid_parameter | b12 is beyond block_count 10",
            "/block_info/blocks/b2=2                   | invalid_parameter | b2 must be 0 or 1",
            "/block_info/block_count=0                 | invalid_parameter | block_count must be at least 1",
            "/content_info/playtime=ten                | invalid_parameter | playtime: 'ten' is not an integer"
    })
    void anAbsurdSnapshotIsRefusedRecordedAndChangesNothing(String change, String error, String message) {
        String user = newUser();
        String content = newContent();
        store(snapshot(user, content, 100, 60, 60, 60, Set.of(0)));
        ObjectNode bad = snapshot(user, content, 200, 900, 900, 900, Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        String[] pathAndValue = change.split("=", 2);
        String path = pathAndValue[0].substring(0, pathAndValue[0].lastIndexOf('/'));
        String field = pathAndValue[0].substring(pathAndValue[0].lastIndexOf('/') + 1);
        ObjectNode parent = (ObjectNode) bad.at(path);
        if (pathAndValue[1].isEmpty()) {
            parent.remove(field);
        } else if (pathAndValue[1].matches("-?\\d+")) {
            parent.put(field, Long.parseLong(pathAndValue[1]));
        } else {
            parent.put(field, pathAndValue[1]);
        }

        post(MATH, "json_data", bad.toString()).statusCode(400).contentType("application/json")
                .body("error", equalTo(error)).body("message", containsString(message));

        assertEquals(10, progress(MATH, content, user).getInt("percent"), "the learner's progress is untouched");
        assertEquals(60, progress(MATH, content, user).getLong("playtime"));
        assertEquals(error, rejectedRecordOf(bad.toString().substring(0, 60)).get("error"));
    }

    /** PostgreSQL text cannot hold U+0000: stored, such a value would fail the whole batch it is in. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"user_info, client_user_id", "content_info, media_content_key", "user_info, player_id"})
    void aNulCharacterEscapedInTheJsonIsRefusedAndChangesNothing(String section, String field) {
        String user = newUser();
        String content = newContent();
        store(snapshot(user, content, 100, 60, 60, 60, Set.of(0)));
        ObjectNode bad = snapshot(user, content, 200, 900, 900, 900, Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        ((ObjectNode) bad.get(section)).put(field, "nul\u0000" + ((ObjectNode) bad.get(section)).path(field).asText());

        post(MATH, "json_data", bad.toString()).statusCode(400)
                .body("error", equalTo("invalid_parameter")).body("message", containsString(field));

        assertEquals(10, progress(MATH, content, user).getInt("percent"), "the learner's progress is untouched");
        store(snapshot(user, content, 300, 30, 30, 30, Set.of(1)));
        assertEquals(20, progress(MATH, content, user).getInt("percent"), "the learner's next snapshot is stored");
    }

    @Test
    void aMissingDocumentIsRefused() {
        given().queryParam("token", TOKEN).formParam("client_user_id", "someone")
                .post("/callbacks/channels/" + MATH + "/lms")
                .then().statusCode(400).body("error", equalTo("missing_parameter"))
                .body("message", containsString("json_data"));
    }

    @Test
    void malformedJsonIsRefused() {
        post(MATH, "json_data", "{\"user_info\":{\"client_user_id\":").statusCode(400)
                .body("error", equalTo("malformed_json"));
    }

    @Test
    void unknownFieldsAreIgnoredAndPlainParametersFillWhatTheJsonLacks() {
        String user = newUser();
        String content = newContent();
        ObjectNode document = snapshot("ignored", content, 300, 120, 100, 110, Set.of(3));
        ((ObjectNode) document.get("user_info")).remove("client_user_id");
        ((ObjectNode) document.get("content_info")).remove("start_at");
        document.putObject("future_section").put("anything", 1);

        given().queryParam("token", TOKEN).queryParam("client_user_id", user).queryParam("start_at", 300)
                .formParam("json_data", document.toString())
                .post("/callbacks/channels/" + MATH + "/lms")
                .then().statusCode(200).body("result", equalTo(1));

        assertEquals(List.of(3), progress(MATH, content, user).getList("watchedBlocks", Integer.class));
    }

    @Test
    void aWrongTokenIsRefusedAndAnUnknownChannelIsNotFound() {
        given().queryParam("token", "wrong").formParam("json_data", "{}")
                .post("/callbacks/channels/" + MATH + "/lms").then().statusCode(401);
        given().queryParam("token", TOKEN).formParam("json_data", "{}")
                .post("/callbacks/channels/elsewhere/lms").then().statusCode(404).body("error", equalTo("unknown_channel"));
    }
}
