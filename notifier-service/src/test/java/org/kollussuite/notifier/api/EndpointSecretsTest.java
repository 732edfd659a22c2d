package org.kollussuite.notifier.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.kollussuite.notifier.delivery.Receivers;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.kollussuite.notifier.api.AdminApiRefusalsTest.ADMIN;

/** No answer of the admin API shows an endpoint's signing secret or the credentials in its URL. */
@QuarkusTest
@WithTestResource(Receivers.class)
class EndpointSecretsTest {

    private static final List<String> SECRETS = List.of(Receivers.SECRET, Receivers.SECRET.substring("whsec_".length()),
            Receivers.URL_PASSWORD, Receivers.URL_TOKEN);

    private static void showsNoSecret(String answer) {
        SECRETS.forEach(secret -> assertFalse(answer.contains(secret), "an answer shows " + secret + ": " + answer));
    }

    @Test
    void theEndpointListShowsNeitherSigningSecretsNorUrlCredentials() {
        String answer = given().header("Authorization", ADMIN).get("/api/v1/endpoints").then().statusCode(200)
                .body("find { it.name == '" + Receivers.CREDENTIALED + "' }.url", startsWith("http://***@127.0.0.1:"))
                .body("find { it.name == '" + Receivers.CREDENTIALED + "' }.url", containsString("?token=***"))
                .extract().asString();
        showsNoSecret(answer);
    }

    @Test
    void enablingOrReplayingAnEndpointShowsNoneOfItsSecrets() {
        showsNoSecret(given().header("Authorization", ADMIN).post("/api/v1/endpoints/credentialed/enable").then()
                .statusCode(200).body("url", not(containsString(Receivers.URL_PASSWORD))).extract().asString());
        showsNoSecret(given().header("Authorization", ADMIN).queryParam("since", "2026-01-01T00:00:00Z")
                .queryParam("until", "2026-01-02T00:00:00Z").post("/api/v1/endpoints/credentialed/replay").then()
                .statusCode(202).extract().asString());
        showsNoSecret(given().header("Authorization", ADMIN).queryParam("since", "2000-01-01T00:00:00Z")
                .post("/api/v1/endpoints/credentialed/replay").then().statusCode(400).extract().asString());
    }
}
