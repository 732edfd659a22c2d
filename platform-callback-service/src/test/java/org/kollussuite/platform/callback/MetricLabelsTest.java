package org.kollussuite.platform.callback;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kollussuite.platform.callback.PlatformCallbacksClient.*;

/** Metric labels come from fixed sets only (suite contract §7): no received path or value becomes one. */
@QuarkusTest
class MetricLabelsTest {

    /** Every {@code uri} label the service may publish. */
    static final Set<String> URIS = Set.of("/callbacks/platform/{type}", "/api/v1/contents/{uploadFileKey}",
            "/api/v1/contents", "/api/v1/callbacks", "/api/v1/channels", "/other");

    @Test
    void pathsRefusedBeforeTheyReachAResourceAreNotLabels() {
        String marker = "m" + UUID.randomUUID().toString().replace("-", "");
        given().queryParam("token", "wrong").post("/callbacks/platform/" + marker).then().statusCode(401);
        given().get("/api/v1/contents/" + marker).then().statusCode(401);
        given().auth().oauth2("test-admin-token").get("/api/v1/" + marker).then().statusCode(404);
        given().get("/" + marker).then().statusCode(404);
        post(marker, upload(newUploadFileKey())).statusCode(404);

        String metrics = metrics();
        assertFalse(metrics.contains(marker), "a received path became a label");
        assertTrue(uriLabels(metrics).stream().allMatch(URIS::contains), "uri labels: " + uriLabels(metrics));
    }

    @Test
    void callbackCountersAreLabelledOnlyWithKnownTypesAndOutcomes() {
        post("upload", form("content_provider_key", SERVICE_ACCOUNT, "upload_file_key", "x".repeat(300))).statusCode(400);

        Matcher series = Pattern.compile("kollus_platform_callbacks_total\\{outcome=\"([^\"]*)\",type=\"([^\"]*)\"}")
                .matcher(metrics());
        while (series.find()) {
            assertTrue(Set.of("accepted", "duplicate", "rejected", "unavailable").contains(series.group(1)), series.group());
            assertTrue(Set.of("upload", "transcoding", "content-update", "channel-add", "channel-remove")
                    .contains(series.group(2)), series.group());
        }
    }

    static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The distinct {@code uri} labels of the HTTP server metrics. */
    static List<String> uriLabels(String metrics) {
        Matcher uri = Pattern.compile("^http_server_requests_seconds_count\\{.*uri=\"([^\"]*)\"", Pattern.MULTILINE)
                .matcher(metrics);
        return uri.results().map(result -> result.group(1)).distinct().toList();
    }
}
