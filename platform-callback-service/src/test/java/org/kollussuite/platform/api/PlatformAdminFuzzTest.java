package org.kollussuite.platform.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kollussuite.commons.testing.Fuzzing;
import org.kollussuite.commons.testing.HostileInputs;
import org.kollussuite.commons.testing.RawHttp;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile queries and paths to every admin endpoint, with the bearer token so that they reach the checks: each
 * answer is a JSON list or entry, or a JSON error for a 4xx, while honest reads go on beside them.
 */
@QuarkusTest
class PlatformAdminFuzzTest {

    private static final String BEARER = "Bearer test-admin-token";
    /**
     * Longest path segment a hostile request carries, as for queries in HostileInputs: the HTTP server refuses a
     * request line over 4 KiB before any service code runs, so such a line tests the server, not this service.
     */
    private static final int MAX_SEGMENT = 3_000;

    /** Reads each endpoint once, so that the first hostile input does not also pay for the endpoint's warm-up. */
    @BeforeEach
    void warmUp() {
        for (String path : List.of("/api/v1/callbacks", "/api/v1/contents", "/api/v1/channels")) {
            given().auth().oauth2("test-admin-token").get(path).then().statusCode(200);
        }
        given().auth().oauth2("test-admin-token").get("/api/v1/contents/{key}", "warm-up").then().statusCode(404);
    }

    @Test
    void hostileInboxQueriesAreAnsweredWithAListOrAJsonError() {
        fuzzQueries("/api/v1/callbacks", List.of("status", "type", "uploadFileKey", "since", "until", "limit", "offset"));
    }

    @Test
    void hostileCatalogQueriesAreAnsweredWithAListOrAJsonError() {
        fuzzQueries("/api/v1/contents", List.of("channel", "status", "limit", "offset"));
    }

    @Test
    void hostileChannelQueriesAreAnsweredWithAListOrAJsonError() {
        fuzzQueries("/api/v1/channels", List.of("channel", "limit", "offset"));
    }

    @Test
    void hostileUploadFileKeysInThePathAreAnsweredWithAnEntryOrAJsonError() {
        Fuzzing.fuzz("/api/v1/contents/{uploadFileKey}", List.of("uploadFileKey"),
                inputs -> new RawHttp.Request("GET", "/api/v1/contents/" + pathSegment(inputs), "", new byte[0])
                        .withHeader("Authorization", BEARER),
                contractAnswer(json -> assertNotNull(json.getString("uploadFileKey"))),
                PlatformAdminFuzzTest::honestRead);
    }

    private static void fuzzQueries(String path, List<String> names) {
        Fuzzing.fuzz(path, names, inputs -> inputs.request("GET", path).withHeader("Authorization", BEARER),
                contractAnswer(json -> assertNotNull(json.getList("$"))), PlatformAdminFuzzTest::honestRead);
    }

    /** A hostile value as a path segment: percent-encoded or, every other time, as it is; cut to {@link #MAX_SEGMENT}. */
    private static String pathSegment(HostileInputs inputs) {
        String value = inputs.value();
        while (URLEncoder.encode(value, StandardCharsets.UTF_8).length() > MAX_SEGMENT) {
            value = value.substring(0, value.length() / 2);
        }
        return inputs.name().length() % 2 == 0 ? URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20") : value;
    }

    /** A 200 whose JSON passes {@code success}, or a 4xx with a JSON error and message. */
    private static Consumer<RawHttp.Answer> contractAnswer(Consumer<JsonPath> success) {
        return answer -> {
            String type = answer.header("content-type");
            assertTrue(type != null && type.startsWith("application/json"), "content type " + type + ": " + answer.text());
            JsonPath json = JsonPath.from(answer.text());
            if (answer.status() == 200) {
                success.accept(json);
            } else {
                assertTrue(answer.status() >= 400 && answer.status() < 500, "status " + answer.status());
                assertNotNull(json.getString("error"), answer.text());
                assertNotNull(json.getString("message"), answer.text());
            }
        };
    }

    private static boolean honestRead() {
        return given().auth().oauth2("test-admin-token").queryParam("status", "rejected").queryParam("limit", 10)
                .get("/api/v1/callbacks").then().extract().statusCode() == 200;
    }
}
