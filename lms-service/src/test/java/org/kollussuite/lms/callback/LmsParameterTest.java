package org.kollussuite.lms.callback;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kollussuite.lms.callback.LmsClient.RENAMED;
import static org.kollussuite.lms.callback.LmsClient.TOKEN;
import static org.kollussuite.lms.callback.LmsClient.newContent;
import static org.kollussuite.lms.callback.LmsClient.newUser;
import static org.kollussuite.lms.callback.LmsClient.post;
import static org.kollussuite.lms.callback.LmsClient.progress;
import static org.kollussuite.lms.callback.LmsClient.snapshot;

@QuarkusTest
class LmsParameterTest {

    @Test
    void aChannelReadsItsDocumentFromTheParameterItNames() {
        String user = newUser();
        String content = newContent();
        String document = snapshot(user, content, 500, 300, 300, 290, Set.of(0, 1, 2, 3, 4)).toString();

        post(RENAMED, "json_data", document).statusCode(400).body("error", equalTo("missing_parameter"));
        post(RENAMED, "progress", document).statusCode(200).body("result", equalTo(1));

        JsonPath progress = progress(RENAMED, content, user);
        assertEquals(50, progress.getInt("percent"));
        assertTrue(progress.getBoolean("completed"), "LMS_COMPLETION_PERCENT=50 on this channel");
    }

    @Test
    void theDocumentMayComeInTheQueryString() {
        String user = newUser();
        String content = newContent();

        given().queryParam("token", TOKEN)
                .queryParam("progress", snapshot(user, content, 600, 30, 30, 30, Set.of(9)).toString())
                .post("/callbacks/channels/" + RENAMED + "/lms")
                .then().statusCode(200);

        assertEquals(10, progress(RENAMED, content, user).getInt("percent"));
    }
}
