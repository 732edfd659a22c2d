package org.kollussuite.lms.callback;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kollussuite.lms.callback.LmsClient.FLAT;
import static org.kollussuite.lms.callback.LmsClient.MATH;
import static org.kollussuite.lms.callback.LmsClient.NO_BLOCKS;
import static org.kollussuite.lms.callback.LmsClient.RENAMED;
import static org.kollussuite.lms.callback.LmsClient.TOKEN;
import static org.kollussuite.lms.callback.LmsClient.flat;
import static org.kollussuite.lms.callback.LmsClient.newContent;
import static org.kollussuite.lms.callback.LmsClient.newUser;
import static org.kollussuite.lms.callback.LmsClient.post;
import static org.kollussuite.lms.callback.LmsClient.postForm;
import static org.kollussuite.lms.callback.LmsClient.progress;
import static org.kollussuite.lms.callback.LmsClient.quarantined;
import static org.kollussuite.lms.callback.LmsClient.snapshot;
import static org.kollussuite.lms.callback.LmsClient.store;

/** Each channel is read the way its Kollus console sends: a renamed document, flat keys only, no block information. */
@QuarkusTest
class ChannelMappingTest {

    private static final List<String> PROGRESS_FIELDS = List.of("percent", "watchedBlocks", "blockCount", "playtime",
            "realPlaytime", "lastPosition", "sessions", "completed");

    @Test
    void aChannelReadsItsDocumentFromTheParameterItNames() {
        String user = newUser();
        String content = newContent();
        String document = snapshot(user, content, 500, 300, 300, 290, Set.of(0, 1, 2, 3, 4)).toString();

        post(RENAMED, "json_data", document).statusCode(200).body("result", equalTo(1));
        assertEquals("missing_parameter", quarantined(RENAMED, user).get("reason"),
                "json_data is only a flat parameter there, without the values the channel reads");
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

    @Test
    void anyOrderAndDuplicationOfAHistoryGivesTheSameProgressThroughFlatKeysAsThroughTheDocument() {
        Random random = new Random(19);
        for (int trial = 0; trial < 12; trial++) {
            String user = newUser();
            String content = newContent();
            List<ObjectNode> sent = new ArrayList<>(ViewingHistory.of(user, content).snapshots());
            for (int copies = random.nextInt(4); copies > 0; copies--) {
                sent.add(sent.get(random.nextInt(sent.size())).deepCopy());
            }
            Collections.shuffle(sent, random);

            for (ObjectNode snapshot : sent) {
                store(snapshot);
                postForm(FLAT, flat(snapshot)).statusCode(200).body("result", equalTo(1));
            }

            JsonPath byDocument = progress(MATH, content, user);
            JsonPath byFlatKeys = progress(FLAT, content, user);
            for (String field : PROGRESS_FIELDS) {
                assertEquals(byDocument.getString(field), byFlatKeys.getString(field), field + " in trial " + trial);
            }
            assertEquals(100, byFlatKeys.getInt("percent"));
        }
    }

    @Test
    void withBlockInformationOffProgressComesFromPlaytimeAndCompletes() {
        String user = newUser();
        String content = newContent();
        ObjectNode first = snapshot(user, content, 100, 500, 450, 450, Set.of());
        first.remove("block_info");
        ObjectNode second = snapshot(user, content, 200, 500, 460, 990, Set.of());
        second.remove("block_info");

        post(NO_BLOCKS, "json_data", first.toString()).statusCode(200);
        assertEquals(45, progress(NO_BLOCKS, content, user).getInt("percent"), "real playtime 450 of 1000 s");
        post(NO_BLOCKS, "json_data", second.toString()).statusCode(200);

        JsonPath progress = progress(NO_BLOCKS, content, user);
        assertEquals(91, progress.getInt("percent"));
        assertEquals(0, progress.getInt("blockCount"));
        assertTrue(progress.getBoolean("completed"));
    }

    @Test
    void theDefaultChannelAlsoProgressesWithoutBlockInformation() {
        String user = newUser();
        String content = newContent();
        ObjectNode document = snapshot(user, content, 100, 300, 300, 300, Set.of());
        document.remove("block_info");

        store(document);

        assertEquals(30, progress(MATH, content, user).getInt("percent"), "LMS_PROGRESS_BASIS=AUTO");
    }
}
