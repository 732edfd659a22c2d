package org.kollussuite.notifier.api;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import org.kollussuite.commons.testing.RawHttp;
import org.kollussuite.commons.text.InputLimits;
import org.kollussuite.notifier.delivery.Receivers;
import org.kollussuite.notifier.persistence.ReplayJobEntity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Every admin API input outside the bounds of suite contract §7 is answered 400 invalid_parameter, changing nothing. */
@QuarkusTest
@WithTestResource(Receivers.class)
class AdminApiRefusalsTest {

    static final String ADMIN = "Bearer test-admin-token";
    static final String REPLAY = "/api/v1/endpoints/" + Receivers.QUIET + "/replay";
    /** The error code of a body over the HTTP limit, answered by the suite's framework refusals. */
    static final String PAYLOAD_TOO_LARGE = "payload_too_large";
    private static final String LONG_ID = "a".repeat(InputLimits.KEY + 1);

    static long replayJobs() {
        return QuarkusTransaction.requiringNew().call(() -> ReplayJobEntity.count());
    }

    private static ValidatableResponse invalid(ValidatableResponse response) {
        return response.statusCode(400).contentType("application/json").body("error", equalTo(AdminParameters.INVALID))
                .body("message", notNullValue());
    }

    private static ValidatableResponse replay(String since, String until) {
        var request = given().urlEncodingEnabled(false).header("Authorization", ADMIN);
        if (since != null) {
            request.queryParam("since", since);
        }
        if (until != null) {
            request.queryParam("until", until);
        }
        return request.post(REPLAY).then();
    }

    @Test
    void aReplayRangeLongerThanTheMaximumIsRefusedAndCreatesNoJob() {
        long before = replayJobs();
        Instant until = Instant.parse("2026-03-01T00:00:00Z");
        invalid(replay(until.minus(31, ChronoUnit.DAYS).minusSeconds(1).toString(), until.toString()))
                .body("message", containsString("NOTIFIER_REPLAY_MAX_RANGE"));
        invalid(replay("2020-01-01T00:00:00Z", null));
        assertEquals(before, replayJobs());

        replay(until.minus(31, ChronoUnit.DAYS).toString(), until.toString()).statusCode(202);
        assertEquals(before + 1, replayJobs(), "a range of exactly the maximum is replayed");
    }

    @Test
    void aReplayWhoseSinceIsAfterUntilIsRefusedAndCreatesNoJob() {
        long before = replayJobs();
        invalid(replay("2026-02-02T00:00:00Z", "2026-02-01T00:00:00Z"));
        invalid(replay("2026-02-01T00:00:00Z", "2026-02-01T00:00:00Z"));
        assertEquals(before, replayJobs());
    }

    @Test
    void aReplayWithInstantsOutsideTheDatabaseRangeIsRefusedAndCreatesNoJob() {
        long before = replayJobs();
        invalid(replay("-999999999-01-01T00:00:00Z", "2026-01-01T00:00:00Z"));
        invalid(replay("2026-01-01T00:00:00Z", "%2B294277-01-01T00:00:00Z"));
        invalid(replay("%2B999999999-12-31T23:59:59Z", null));
        invalid(replay("a%00b", null));
        assertEquals(before, replayJobs());
    }

    @Test
    void theDeliveryLogRefusesControlCharactersOverLongValuesAndInstantsOutsideTheDatabaseRange() {
        for (String parameter : new String[]{"status", "endpoint", "type", "subject"}) {
            invalid(given().urlEncodingEnabled(false).header("Authorization", ADMIN).queryParam(parameter, "a%00b")
                    .get("/api/v1/deliveries").then());
            invalid(given().header("Authorization", ADMIN).queryParam(parameter, LONG_ID).get("/api/v1/deliveries").then());
        }
        for (String parameter : new String[]{"since", "until"}) {
            for (String instant : new String[]{"-999999999-01-01T00:00:00Z", "%2B294277-01-01T00:00:00Z", "0000-12-31T23:59:59Z"}) {
                invalid(given().urlEncodingEnabled(false).header("Authorization", ADMIN).queryParam(parameter, instant)
                        .get("/api/v1/deliveries").then());
            }
        }
        given().header("Authorization", ADMIN).queryParam("subject", "a".repeat(InputLimits.KEY))
                .get("/api/v1/deliveries").then().statusCode(200);
    }

    @Test
    void nonNumericOrHugeLimitsOffsetsAndIdsAreRefusedAsInvalidParameters() {
        for (String number : new String[]{"abc", "99999999999", "1.5", "-1"}) {
            invalid(given().header("Authorization", ADMIN).queryParam("limit", number).get("/api/v1/deliveries").then());
        }
        invalid(given().header("Authorization", ADMIN).queryParam("offset", "abc").get("/api/v1/deliveries").then());
        given().header("Authorization", ADMIN).queryParam("offset", Integer.MAX_VALUE).queryParam("limit", 1000)
                .get("/api/v1/deliveries").then().statusCode(200);
        for (String id : new String[]{"abc", "99999999999999999999", "0", "-1"}) {
            invalid(given().header("Authorization", ADMIN).get("/api/v1/deliveries/" + id).then());
            invalid(given().header("Authorization", ADMIN).post("/api/v1/deliveries/" + id + "/retry").then());
            invalid(given().header("Authorization", ADMIN).get("/api/v1/replays/" + id).then());
            invalid(given().header("Authorization", ADMIN).delete("/api/v1/replays/" + id).then());
        }
    }

    @Test
    void endpointNamesLongerThan200CharactersOrWithControlCharactersAreRefused() {
        long before = replayJobs();
        invalid(given().header("Authorization", ADMIN).post("/api/v1/endpoints/" + LONG_ID + "/enable").then());
        invalid(given().header("Authorization", ADMIN).queryParam("since", "2026-01-01T00:00:00Z")
                .post("/api/v1/endpoints/" + LONG_ID + "/replay").then());
        invalid(given().urlEncodingEnabled(false).header("Authorization", ADMIN).post("/api/v1/endpoints/a%00b/enable").then());
        given().header("Authorization", ADMIN).post("/api/v1/endpoints/nosuch/enable").then().statusCode(404)
                .body("error", equalTo("not_found"));
        assertEquals(before, replayJobs());
    }

    @Test
    void aBodyOverTheMaximumSizeIsAnsweredWithTheJsonErrorShape() throws Exception {
        RawHttp.Answer answer = RawHttp.send("localhost", RestAssured.port, new RawHttp.Request("POST",
                "/api/v1/deliveries/1/retry", "application/json", new byte[11 * 1024 * 1024])
                .withHeader("Authorization", ADMIN));
        assertEquals(413, answer.status());
        assertEquals("application/json", answer.header("content-type"));
        assertFalse(answer.text().isEmpty());
        assertEquals(PAYLOAD_TOO_LARGE, JsonPath.from(answer.text()).getString("error"));
    }

    @Test
    void refusalsThatMatchNoResourceAreNeverCountedUnderTheReceivedPath() throws Exception {
        String marker = "probe" + System.nanoTime();
        given().get("/api/v1/deliveries/" + marker).then().statusCode(401);
        given().header("Authorization", ADMIN).patch("/api/v1/deliveries/" + marker).then().statusCode(405);
        RawHttp.send("localhost", RestAssured.port, new RawHttp.Request("GET", "/api/v1/" + marker + "?a=%zz", "",
                new byte[0]));
        RawHttp.send("localhost", RestAssured.port, new RawHttp.Request("POST", "/api/v1/" + marker, "application/json",
                new byte[11 * 1024 * 1024]));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertFalse(metrics.contains(marker), "a received path became a metric label");
    }
}
