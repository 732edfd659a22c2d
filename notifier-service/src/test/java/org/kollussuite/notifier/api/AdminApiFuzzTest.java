package org.kollussuite.notifier.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.kollussuite.commons.testing.Fuzzing;
import org.kollussuite.commons.testing.HostileInputs;
import org.kollussuite.commons.testing.RawHttp;
import org.kollussuite.notifier.delivery.Receivers;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kollussuite.notifier.api.AdminApiRefusalsTest.ADMIN;
import static org.kollussuite.notifier.api.AdminApiRefusalsTest.replayJobs;

/**
 * Hostile queries, path segments and bodies against every admin endpoint, authenticated and not, while an
 * operator's honest requests go on: never a 5xx, never slower than {@link Fuzzing#SLOWEST}, always the
 * contract's JSON error, and a replay job only for an answer that says one was started.
 */
@QuarkusTest
@WithTestResource(Receivers.class)
class AdminApiFuzzTest {

    private static final Set<Integer> ANSWERS = Set.of(200, 202, 400, 401, 404, 405, 413, 415);
    private static final List<String> DELIVERY_FILTERS = List.of("status", "endpoint", "type", "subject", "since",
            "until", "limit", "offset");
    private static final List<String> REPLAY_RANGE = List.of("since", "until");
    private static final int MAX_SEGMENT = 800;

    /** An honest operator: the endpoint list answers as always. */
    private static boolean honest() {
        return given().header("Authorization", ADMIN).get("/api/v1/endpoints").statusCode() == 200;
    }

    /** The common rules of an answer: an expected status and, for a refusal, the JSON error. */
    private static void contractAnswer(RawHttp.Answer answer) {
        assertTrue(ANSWERS.contains(answer.status()), "status " + answer.status() + ": " + answer.text());
        if (answer.status() < 400) {
            return;
        }
        assertTrue(String.valueOf(answer.header("content-type")).startsWith("application/json"),
                "content type " + answer.header("content-type") + ": " + answer.text());
        JsonPath error = JsonPath.from(answer.text());
        assertTrue(error.getString("error") != null && error.getString("message") != null, answer.text());
    }

    /**
     * A hostile path segment, encoded as a client would or left raw, cut to {@link #MAX_SEGMENT} characters as
     * sent: the HTTP server refuses a request line over 4 KiB (with a hostile query beside it) before any service
     * code runs, so longer segments would test only that.
     */
    private static String segment(HostileInputs inputs) {
        String value = inputs.value();
        String segment = inputs.name().length() % 2 == 0 ? URLEncoder.encode(value, StandardCharsets.UTF_8) : value;
        StringBuilder kept = new StringBuilder();
        int sent = 0;
        for (int codePoint : segment.codePoints().toArray()) {
            String character = Character.toString(codePoint);
            boolean escaped = codePoint <= ' ' || codePoint >= 0x7f || codePoint == '#';
            sent += character.getBytes(StandardCharsets.UTF_8).length * (escaped ? 3 : 1);
            if (sent > MAX_SEGMENT) {
                break;
            }
            kept.append(character);
        }
        return kept.toString();
    }

    private static void fuzz(String endpoint, List<String> names, BiFunction<HostileInputs, String, String> paths,
                             String method) {
        fuzz(endpoint, names, inputs -> inputs.request(method, paths.apply(inputs, endpoint))
                .withHeader("Authorization", ADMIN));
    }

    private static void fuzz(String endpoint, List<String> names, Function<HostileInputs, RawHttp.Request> requests) {
        AtomicInteger started = new AtomicInteger();
        long jobsBefore = replayJobs();
        Fuzzing.fuzz(endpoint, names, requests, answer -> {
            contractAnswer(answer);
            if (answer.status() == 202) {
                started.incrementAndGet();
            }
        }, AdminApiFuzzTest::honest);
        assertEquals(jobsBefore + started.get(), replayJobs(), endpoint + ": a replay job without a 202 answer");
    }

    @Test
    void hostileDeliveryLogFiltersAreRefusedWithTheContractErrorShape() {
        fuzz("GET /api/v1/deliveries", DELIVERY_FILTERS, (inputs, path) -> "/api/v1/deliveries", "GET");
    }

    @Test
    void hostileDeliveryIdsAreRefusedWithTheContractErrorShape() {
        fuzz("GET /api/v1/deliveries/{id}", List.of("id"), (inputs, path) -> "/api/v1/deliveries/" + segment(inputs),
                "GET");
        fuzz("POST /api/v1/deliveries/{id}/retry", List.of("id"),
                (inputs, path) -> "/api/v1/deliveries/9" + segment(inputs) + "/retry", "POST");
    }

    @Test
    void hostileReplayRangesAreRefusedAndStartNoReplay() {
        fuzz("POST /api/v1/endpoints/{name}/replay", REPLAY_RANGE,
                (inputs, path) -> "/api/v1/endpoints/" + Receivers.QUIET + "/replay", "POST");
    }

    @Test
    void hostileEndpointNamesAreRefusedWithTheContractErrorShape() {
        fuzz("POST /api/v1/endpoints/{name}/enable", List.of("name"),
                (inputs, path) -> "/api/v1/endpoints/" + segment(inputs) + "/enable", "POST");
        fuzz("POST /api/v1/endpoints/{name}/replay (name)", REPLAY_RANGE,
                (inputs, path) -> "/api/v1/endpoints/" + segment(inputs) + "/replay", "POST");
    }

    @Test
    void hostileReplayIdsAreRefusedWithTheContractErrorShape() {
        fuzz("GET /api/v1/replays/{id}", List.of("id"), (inputs, path) -> "/api/v1/replays/" + segment(inputs), "GET");
        fuzz("DELETE /api/v1/replays/{id}", List.of("id"), (inputs, path) -> "/api/v1/replays/9" + segment(inputs),
                "DELETE");
    }

    @Test
    void hostileRequestsWithoutTheBearerTokenAreRefusedWithTheContractErrorShape() {
        fuzz("unauthenticated /api/v1/**", DELIVERY_FILTERS, inputs -> inputs.request(
                List.of("GET", "POST", "DELETE").get(Math.floorMod(inputs.name().hashCode(), 3)),
                "/api/v1/" + List.of("deliveries", "endpoints/" + Receivers.QUIET + "/replay", "replays/1")
                        .get(Math.floorMod(inputs.value().hashCode(), 3))));
    }
}
