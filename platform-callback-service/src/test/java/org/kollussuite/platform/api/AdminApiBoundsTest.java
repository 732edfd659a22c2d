package org.kollussuite.platform.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Every query and path parameter of the admin API is bounded: out-of-range input answers 400, never a 500. */
@QuarkusTest
class AdminApiBoundsTest {

    private static final String ADMIN = "test-admin-token";

    @ParameterizedTest(name = "{0}?{1}={2}")
    @CsvSource(delimiter = ' ', value = {
            "/api/v1/callbacks uploadFileKey a\u0000b",
            "/api/v1/callbacks uploadFileKey a\u0001b",
            "/api/v1/callbacks since -999999999-01-01T00:00:00Z",
            "/api/v1/callbacks until +294277-01-01T00:00:00Z",
            "/api/v1/callbacks since +10000-01-01T00:00:00Z",
            "/api/v1/callbacks since yesterday",
            "/api/v1/callbacks limit 99999999999",
            "/api/v1/callbacks limit 9223372036854775808",
            "/api/v1/callbacks limit abc",
            "/api/v1/callbacks limit 1.5",
            "/api/v1/callbacks limit 1e400",
            "/api/v1/callbacks offset 99999999999",
            "/api/v1/callbacks offset -1",
            "/api/v1/callbacks offset NaN",
            "/api/v1/callbacks status re\u0000jected",
            "/api/v1/callbacks type up\u0000load",
            "/api/v1/contents channel a\u0000b",
            "/api/v1/contents limit 2147483648",
            "/api/v1/contents offset 0x10",
            "/api/v1/contents status trans\u0000coded"})
    void anOutOfRangeQueryParameterIsA400(String path, String name, String value) {
        given().auth().oauth2(ADMIN).queryParam(name, value).get(path)
                .then().statusCode(400).body("error", equalTo("invalid_parameter")).body("message", notNullValue());
    }

    @Test
    void aKeyLongerThanTwoHundredCharactersIsA400() {
        given().auth().oauth2(ADMIN).queryParam("uploadFileKey", "k".repeat(201)).get("/api/v1/callbacks")
                .then().statusCode(400).body("error", equalTo("invalid_parameter"));
        given().auth().oauth2(ADMIN).queryParam("channel", "c".repeat(201)).get("/api/v1/contents")
                .then().statusCode(400).body("error", equalTo("invalid_parameter"));
        given().auth().oauth2(ADMIN).get("/api/v1/contents/{key}", "k".repeat(201))
                .then().statusCode(400).body("error", equalTo("invalid_parameter"));
    }

    @Test
    void aFilterOfControlCharactersThatJavaCountsAsWhiteSpaceIsA400NotIgnored() {
        given().auth().oauth2(ADMIN).queryParam("uploadFileKey", "\u001f").get("/api/v1/callbacks")
                .then().statusCode(400).body("error", equalTo("invalid_parameter"));
    }

    @Test
    void aControlCharacterInAnUploadFileKeyPathIsA400() {
        given().auth().oauth2(ADMIN).urlEncodingEnabled(false).get("/api/v1/contents/a%00b")
                .then().statusCode(400).body("error", equalTo("invalid_parameter"));
    }

    @Test
    void anExactDecimalIsAnIntegerAndTheEdgesOfTheRangesAreServed() {
        given().auth().oauth2(ADMIN).queryParam("limit", "1.0").get("/api/v1/callbacks").then().statusCode(200);
        given().auth().oauth2(ADMIN).queryParam("limit", "1000").queryParam("offset", AdminQuery.MAX_OFFSET)
                .get("/api/v1/contents").then().statusCode(200).body("size()", equalTo(0));
        given().auth().oauth2(ADMIN).queryParam("since", "0001-01-01T00:00:00Z")
                .queryParam("until", "9999-12-31T23:59:59Z").queryParam("limit", 1)
                .get("/api/v1/callbacks").then().statusCode(200);
    }
}
