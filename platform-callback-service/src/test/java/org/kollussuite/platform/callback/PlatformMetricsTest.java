package org.kollussuite.platform.callback;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.kollussuite.platform.callback.PlatformCallbacksClient.*;

@QuarkusTest
class PlatformMetricsTest {

    @Test
    void callbacksAreCountedByTypeAndOutcome() {
        double acceptedBefore = counter("channel-remove", "accepted");
        double duplicateBefore = counter("channel-remove", "duplicate");
        double rejectedBefore = counter("channel-remove", "rejected");
        String key = newUploadFileKey();

        post("channel-remove", channel(key, "ch-metrics", "mck-" + key)).statusCode(200);
        post("channel-remove", channel(key, "ch-metrics", "mck-" + key)).statusCode(200);
        post("channel-remove", form("content_provider_key", SERVICE_ACCOUNT, "upload_file_key", key)).statusCode(400);

        assertEquals(acceptedBefore + 1, counter("channel-remove", "accepted"));
        assertEquals(duplicateBefore + 1, counter("channel-remove", "duplicate"));
        assertEquals(rejectedBefore + 1, counter("channel-remove", "rejected"));
    }

    @Test
    void acknowledgementLatencyIsAHistogramPerType() {
        post("upload", upload(newUploadFileKey())).statusCode(200);

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("kollus_platform_callback_ack_seconds_bucket{type=\"upload\",le="))
                .body(containsString("kollus_platform_callback_ack_seconds_count{type=\"upload\"}"));
    }

    private static double counter(String type, String outcome) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher matcher = Pattern.compile("kollus_platform_callbacks_total\\{outcome=\"" + outcome + "\",type=\""
                + Pattern.quote(type) + "\"} ([0-9.E+-]+)").matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
