package org.kollussuite.lms.quarantine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.kollussuite.commons.testing.EventTap;
import org.kollussuite.commons.testing.ServiceProcess;
import org.kollussuite.lms.callback.LmsClient;
import org.kollussuite.lms.callback.ViewingHistory;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A channel whose mapping was wrong quarantines every snapshot, answered 200; once the operator fixes the
 * mapping and restarts, re-applying the channel gives exactly the progress and events a correctly mapped
 * channel got, and re-applying again changes nothing.
 */
class ReapplyAfterMappingFixIT {

    private static final String DATABASE = "kollus_lms_test";
    private static final String FIXED = "reapply-fixed-" + LmsClient.newContent();
    private static final String RIGHT = "reapply-right-" + LmsClient.newContent();
    private static final Map<String, String> FLAT_MAPPING = Map.of(
            "LMS_PARAM_CLIENT_USER_ID", "ID", "LMS_PARAM_MEDIA_CONTENT_KEY", "MCK", "LMS_PARAM_START_AT", "TM",
            "LMS_PARAM_PLAYTIME", "PT", "LMS_PARAM_LAST_PLAY_AT", "ET", "LMS_PARAM_DURATION", "DUR",
            "LMS_BLOCK_KEYS", "B{i+1},T{i+1},-");
    private static final List<String> FIELDS = List.of("percent", "watchedBlocks", "blockCount", "playtime",
            "realPlaytime", "lastPosition", "sessions", "completed");

    @Test
    void reapplyingAChannelAfterItsMappingWasFixedGivesTheProgressOfACorrectlyMappedChannel() throws Exception {
        String user = LmsClient.newUser();
        String content = LmsClient.newContent();
        List<ObjectNode> history = ViewingHistory.of(user, content).snapshots();
        int port = ServiceProcess.freePort();

        try (ServiceProcess wrong = start(port, false)) {
            for (ObjectNode snapshot : history) {
                post(wrong, FIXED, snapshot);
                post(wrong, RIGHT, snapshot);
            }
            List<Map<String, Object>> quarantined = admin(wrong).queryParam("channel", FIXED).get("/api/v1/quarantine")
                    .then().statusCode(200).extract().jsonPath().getList("$");
            assertEquals(history.size(), quarantined.size());
            assertTrue(quarantined.stream().allMatch(e -> e.get("reason").equals("missing_parameter")), quarantined::toString);
            admin(wrong).get("/api/v1/progress/" + FIXED + "/" + content + "/" + user).then().statusCode(404);
        }

        try (ServiceProcess fixed = start(port, true); EventTap events = EventTap.open("kollus.lms.*")) {
            admin(fixed).queryParam("channel", FIXED).post("/api/v1/quarantine/apply")
                    .then().statusCode(200).body("applied", equalTo(history.size())).body("quarantined", equalTo(0));

            JsonPath right = progress(fixed, RIGHT, content, user);
            JsonPath reapplied = progress(fixed, FIXED, content, user);
            for (String field : FIELDS) {
                assertEquals(right.getString(field), reapplied.getString(field), field);
            }
            assertEquals(100, reapplied.getInt("percent"));
            await().atMost(Duration.ofSeconds(15)).until(() -> events.matching(e -> user.equals(e.user())
                    && FIXED.equals(e.channel()) && e.type().equals("kollus.lms.completed")).size() == 1);

            admin(fixed).queryParam("channel", FIXED).post("/api/v1/quarantine/apply")
                    .then().statusCode(200).body("applied", equalTo(0)).body("quarantined", equalTo(0));
            List<Map<String, Object>> entries = admin(fixed).queryParam("channel", FIXED).get("/api/v1/quarantine")
                    .then().statusCode(200).extract().jsonPath().getList("$");
            assertTrue(entries.stream().allMatch(e -> e.get("status").equals("applied") && e.get("appliedAt") != null));
            long first = ((Number) entries.get(0).get("id")).longValue();
            admin(fixed).post("/api/v1/quarantine/" + first + "/apply").then().statusCode(200)
                    .body("status", equalTo("applied"));
            JsonPath again = progress(fixed, FIXED, content, user);
            for (String field : FIELDS) {
                assertEquals(reapplied.getString(field), again.getString(field), "re-applying twice changes " + field);
            }
            assertEquals(reapplied.getString("updatedAt"), again.getString("updatedAt"));
        }
    }

    private static ServiceProcess start(int port, boolean mappingFixed) {
        Map<String, String> env = ServiceProcess.testEnvironment(DATABASE, port);
        env.put("KOLLUS_CHANNELS_FIXED_KEY", FIXED);
        env.put("KOLLUS_CHANNELS_RIGHT_KEY", RIGHT);
        FLAT_MAPPING.forEach((setting, value) -> {
            env.put("KOLLUS_CHANNELS_RIGHT_" + setting, value);
            if (mappingFixed) {
                env.put("KOLLUS_CHANNELS_FIXED_" + setting, value);
            }
        });
        ServiceProcess service = ServiceProcess.start(env);
        await().atMost(Duration.ofSeconds(90)).until(() -> service.isReady() || !service.isAlive());
        assertTrue(service.isAlive(), service::output);
        return service;
    }

    private static void post(ServiceProcess service, String channel, ObjectNode snapshot) {
        given().baseUri(service.baseUrl()).queryParam("token", LmsClient.TOKEN)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8").formParams(LmsClient.flat(snapshot))
                .post("/callbacks/channels/" + channel + "/lms").then().statusCode(200).body("result", equalTo(1));
    }

    private static RequestSpecification admin(ServiceProcess service) {
        return given().baseUri(service.baseUrl()).header("Authorization", LmsClient.ADMIN);
    }

    private static JsonPath progress(ServiceProcess service, String channel, String content, String user) {
        return admin(service).get("/api/v1/progress/" + channel + "/" + content + "/" + user)
                .then().statusCode(200).extract().jsonPath();
    }
}
