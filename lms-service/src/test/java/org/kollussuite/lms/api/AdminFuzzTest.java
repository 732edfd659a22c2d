package org.kollussuite.lms.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kollussuite.commons.testing.Fuzzing;
import org.kollussuite.commons.testing.HostileInputs;
import org.kollussuite.commons.testing.RawHttp;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kollussuite.lms.callback.LmsClient.ADMIN;
import static org.kollussuite.lms.callback.LmsClient.MATH;
import static org.kollussuite.lms.callback.LmsClient.newContent;
import static org.kollussuite.lms.callback.LmsClient.newUser;
import static org.kollussuite.lms.callback.LmsClient.progress;
import static org.kollussuite.lms.callback.LmsClient.snapshot;
import static org.kollussuite.lms.callback.LmsClient.store;

/**
 * Hostile queries, path segments and bodies to every LMS admin endpoint, with an honest learner's progress
 * stored and read meanwhile: each is answered with JSON, a refusal as {@code {"error","message"}}, never a 5xx.
 */
@QuarkusTest
class AdminFuzzTest {

    private static final List<String> PROGRESS_NAMES = List.of("clientUserId", "mediaContentKey", "channel", "limit",
            "offset");
    private static final List<String> QUARANTINE_NAMES = List.of("channel", "reason", "status", "limit", "offset");
    /** Bytes of a path segment on the wire: three of them keep the request line within what the HTTP server reads. */
    private static final int MAX_SEGMENT = 900;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Every endpoint answered once before the clock runs: the first query of a fresh service also warms it up. */
    @BeforeEach
    void warmUp() {
        given().header("Authorization", ADMIN).get("/api/v1/progress").then().statusCode(200);
        given().header("Authorization", ADMIN).get("/api/v1/progress/" + MATH + "/none/none").then().statusCode(404);
        given().header("Authorization", ADMIN).get("/api/v1/progress/" + MATH + "/none").then().statusCode(200);
        given().header("Authorization", ADMIN).get("/api/v1/quarantine").then().statusCode(200);
        given().header("Authorization", ADMIN).post("/api/v1/quarantine/1/apply").then().statusCode(
                anyOf(is(200), is(404)));
    }

    @Test
    void hostileProgressQueriesAreAnsweredWithJson() {
        Fuzzing.fuzz("lms GET progress", PROGRESS_NAMES,
                inputs -> inputs.request("GET", "/api/v1/progress").withHeader("Authorization", ADMIN),
                AdminFuzzTest::jsonAnswer, honestLearner());
    }

    @Test
    void hostileProgressPathsAreAnsweredWithJson() {
        Fuzzing.fuzz("lms GET progress paths", PROGRESS_NAMES, inputs -> new RawHttp.Request("GET",
                        "/api/v1/progress/" + segment(inputs) + "/" + segment(inputs)
                                + (inputs.value().length() % 2 == 0 ? "/" + segment(inputs) : ""),
                        "", new byte[0]).withHeader("Authorization", ADMIN),
                AdminFuzzTest::jsonAnswer, honestLearner());
    }

    @Test
    void hostileQuarantineQueriesAreAnsweredWithJson() {
        Fuzzing.fuzz("lms GET quarantine", QUARANTINE_NAMES,
                inputs -> inputs.request("GET", "/api/v1/quarantine").withHeader("Authorization", ADMIN),
                AdminFuzzTest::jsonAnswer, honestLearner());
    }

    @Test
    void hostileReapplicationsAreAnsweredWithJson() {
        Fuzzing.fuzz("lms POST quarantine apply", QUARANTINE_NAMES, inputs -> {
            RawHttp.Request hostile = inputs.request("POST", inputs.value().length() % 2 == 0
                    ? "/api/v1/quarantine/apply" : "/api/v1/quarantine/" + segment(inputs) + "/apply");
            return hostile.withHeader("Authorization", ADMIN);
        }, AdminFuzzTest::jsonAnswer, honestLearner());
    }

    /** A hostile path segment, sent as it is or percent-encoded, cut to at most {@link #MAX_SEGMENT} bytes on the wire. */
    private static String segment(HostileInputs inputs) {
        String cut = inputs.value();
        while (URLEncoder.encode(cut, StandardCharsets.UTF_8).length() > MAX_SEGMENT) {
            cut = cut.substring(0, cut.length() / 2);
        }
        return cut.hashCode() % 2 == 0 ? cut : URLEncoder.encode(cut, StandardCharsets.UTF_8);
    }

    /** The admin API's answer: a JSON list or object, or a JSON error; never a bare framework page. */
    private static void jsonAnswer(RawHttp.Answer answer) {
        try {
            JsonNode body = MAPPER.readTree(answer.text());
            if (answer.status() >= 400) {
                assertTrue(body != null && body.hasNonNull("error") && body.hasNonNull("message"),
                        answer.status() + " " + body);
            }
        } catch (IOException e) {
            throw new AssertionError(answer.status() + " is not JSON: " + answer.text());
        }
    }

    private static Callable<Boolean> honestLearner() {
        return () -> {
            String user = newUser();
            String content = newContent();
            store(snapshot(user, content, 100, 60, 60, 60, Set.of(0)));
            return progress(MATH, content, user).getInt("percent") == 10;
        };
    }
}
