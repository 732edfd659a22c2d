package org.kollussuite.console.web;

import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.kollussuite.console.Kollus;
import org.kollussuite.console.SignedInPageTest;

import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kollussuite.console.Html.firstId;

/** Granting, finding and revoking entitlements through the real player. */
class EntitlementsIT extends SignedInPageTest {

    @Test
    void anEntitlementIsGrantedFoundByItsLearnerAndRevoked() {
        String user = Kollus.newKey("viewer");
        browser.get("/entitlements?clientUserId=" + user).then().statusCode(200).body(containsString("id=\"empty\""));

        Response granted = browser.post("/entitlements", Map.of("clientUserId", user, "channel", suite.channelKey(),
                "mediaContentKey", "mck-1", "validFrom", "", "validUntil", "2030-01-01T00:00", "downloadAllowed", "true"));
        assertEquals(303, granted.statusCode());
        String list = browser.get("/entitlements?clientUserId=" + user + "&done=granted").asString();
        assertTrue(list.contains("id=\"granted\""));
        long id = firstId(list, "entitlement-");
        assertTrue(list.contains("mck-1") && list.contains("2030-01-01T00:00:00Z") && list.contains("allowed"));

        Response revoked = browser.post("/entitlements/" + id + "/revoke", Map.of("clientUserId", user));
        assertEquals(303, revoked.statusCode());
        String after = browser.get("/entitlements?clientUserId=" + user + "&done=revoked").asString();
        assertTrue(after.contains("id=\"revoked\""));
        assertTrue(after.contains("revoked <time"), "the entitlement is kept and marked revoked");
        assertTrue(!after.contains("id=\"revoke-" + id + "\""), "nothing left to revoke");
    }

    @Test
    void anInvalidGrantIsRefusedOnThePageAndGrantsNothing() {
        String user = Kollus.newKey("invalid");
        browser.get("/entitlements");
        Response answer = browser.post("/entitlements", Map.of("clientUserId", user, "channel", suite.channelKey(),
                "validFrom", "2030-01-01T00:00", "validUntil", "2020-01-01T00:00"));
        assertEquals(400, answer.statusCode());
        assertTrue(answer.asString().contains("must be after"));

        browser.get("/entitlements");
        Response unknownChannel = browser.post("/entitlements", Map.of("clientUserId", user, "channel", "no-such-channel"));
        assertEquals(400, unknownChannel.statusCode());
        assertTrue(unknownChannel.asString().contains("Nothing was granted"), unknownChannel.asString());
        browser.get("/entitlements?clientUserId=" + user).then().statusCode(200).body(containsString("id=\"empty\""));
    }

    @Test
    void revokingAMissingEntitlementSaysWhatFailed() {
        browser.get("/entitlements");
        Response answer = browser.post("/entitlements/987654321/revoke", Map.of("clientUserId", "someone"));
        assertEquals(404, answer.statusCode());
        assertTrue(answer.asString().contains("no entitlement 987654321"));
        assertTrue(answer.asString().contains("Nothing was changed"));
    }
}
