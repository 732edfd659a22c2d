package org.kollussuite.platform.callback;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.kollussuite.platform.callback.PlatformCallbacksClient.*;

/** With KOLLUS_PLATFORM_ALLOWED_CIDRS set, only those networks may post, as seen through trusted proxies. */
@QuarkusTest
@TestProfile(SourceAllowListTest.BehindAnIngress.class)
class SourceAllowListTest {

    /** Kollus allowed from 10.0.0.0/8; the local ingress (loopback) is a trusted proxy. */
    public static class BehindAnIngress implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "kollus.platform-allowed-cidrs", "10.0.0.0/8,2001:db8::/32",
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", "127.0.0.1");
        }
    }

    @Test
    void callbackForwardedForAnAllowedAddressIsAccepted() {
        String key = newUploadFileKey();

        given().queryParam("token", TOKEN).header("X-Forwarded-For", "10.1.2.3")
                .contentType("application/x-www-form-urlencoded").formParams(upload(key))
                .post("/callbacks/platform/upload")
                .then().statusCode(200).body("result", equalTo("accepted"));

        given().auth().oauth2("test-admin-token").queryParam("uploadFileKey", key).get("/api/v1/callbacks")
                .then().body("[0].sourceAddress", equalTo("10.1.2.3"));
    }

    @Test
    void callbackFromAnAddressOutsideTheAllowedNetworksIsRejectedWith403AndRecorded() {
        String key = newUploadFileKey();

        given().queryParam("token", TOKEN).header("X-Forwarded-For", "192.0.2.50")
                .contentType("application/x-www-form-urlencoded").formParams(upload(key))
                .post("/callbacks/platform/upload")
                .then().statusCode(403).body("error", equalTo("forbidden_source"));

        given().auth().oauth2("test-admin-token").queryParam("status", "rejected").queryParam("limit", 1000)
                .get("/api/v1/callbacks")
                .then().body("find { it.sourceAddress == '192.0.2.50' }.error", equalTo("forbidden_source"));
        given().auth().oauth2("test-admin-token").get("/api/v1/contents/{key}", key).then().statusCode(404);
    }

    @Test
    void directCallFromTheLoopbackIsNotInTheAllowedNetworks() {
        post("upload", upload(newUploadFileKey())).statusCode(403).body("error", equalTo("forbidden_source"));
    }
}
