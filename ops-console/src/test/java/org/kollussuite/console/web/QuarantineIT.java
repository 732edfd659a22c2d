package org.kollussuite.console.web;

import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.kollussuite.commons.testing.ServiceProcess;
import org.kollussuite.console.Browser;
import org.kollussuite.console.ConsoleSuite;
import org.kollussuite.console.Kollus;
import org.kollussuite.console.SignedInPageTest;
import org.kollussuite.console.config.ConfigKeys;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kollussuite.console.Html.firstId;
import static org.kollussuite.console.Html.textOf;

/** The LMS quarantine against the real LMS, fed with LMS callbacks it cannot read; re-applying them. */
class QuarantineIT extends SignedInPageTest {

    private static final Duration QUARANTINED = Duration.ofSeconds(30);
    private static final Pattern ROW = Pattern.compile("<tr id=\"quarantine-\\d+\">.*?</tr>", Pattern.DOTALL);

    /** The quarantine of the suite's channel. */
    private String channelList() {
        return "/quarantine?channel=" + suite.channelKey();
    }

    /** Waits for the callback holding {@code marker} to be listed in the channel's quarantine; answers its row. */
    private String quarantined(String marker) {
        await().atMost(QUARANTINED).until(() -> browser.get(channelList()).asString().contains(marker));
        return rowOf(browser.get(channelList()).asString(), marker);
    }

    /** The row of {@code page} that holds {@code marker}. */
    private static String rowOf(String page, String marker) {
        Matcher row = ROW.matcher(page);
        while (row.find()) {
            if (row.group().contains(marker)) {
                return row.group();
            }
        }
        throw new AssertionError("no row holds " + marker + " in:\n" + page);
    }

    private static String path(Response redirect) {
        return redirect.header("Location").replaceFirst("^https?://[^/]+", "");
    }

    @Test
    void aSnapshotWithMalformedJsonIsAnsweredAndListedWithoutTheToken() {
        String user = Kollus.newKey("malformed");
        assertEquals(200, kollus.malformedLms(user), "the LMS answers it so that Kollus does not send it again");

        String row = quarantined(user);
        long id = firstId(row, "quarantine-");
        assertTrue(row.contains("class=\"badge quarantined\""), row);
        assertTrue(row.contains("<strong>malformed_json</strong>"), row);
        assertTrue(row.contains("id=\"reapply-" + id + "\""), "a quarantined entry can be re-applied");
        String page = browser.get(channelList() + "&reason=malformed_json&status=quarantined").then().statusCode(200)
                .extract().asString();
        assertTrue(page.contains("id=\"quarantine-" + id + "\""), "filtered by reason and status");
        assertFalse(page.contains(ConsoleSuite.CALLBACK_TOKEN), "the callback token is not shown");
        assertTrue(page.contains("id=\"nav-quarantine\" href=\"/quarantine\" aria-current=\"page\""));
        browser.get(channelList() + "&status=applied").then().statusCode(200)
                .body(not(containsString("id=\"quarantine-" + id + "\"")));
    }

    @Test
    void theBodyIsShownAsReceivedAndEscaped() {
        String marker = Kollus.newKey("markup");
        assertEquals(200, given().baseUri(suite.baseUrl(ConsoleSuite.Part.LMS))
                .contentType("application/x-www-form-urlencoded")
                .body("json_data={\"client_user_id\":\"<b>" + marker + "</b>\"")
                .post("/callbacks/channels/" + suite.channelKey() + "/lms?token=" + ConsoleSuite.CALLBACK_TOKEN)
                .statusCode());

        String row = quarantined(marker);
        assertTrue(row.contains("&lt;b&gt;" + marker + "&lt;/b&gt;"), row);
        assertFalse(row.contains("<b>" + marker), "the body is text on the page, never markup");
    }

    @Test
    void reApplyingAStillMalformedEntryKeepsItQuarantinedAndSaysSo() {
        String user = Kollus.newKey("still");
        assertEquals(200, kollus.malformedLms(user));
        long id = firstId(quarantined(user), "quarantine-");

        Response reapplied = browser.post("/quarantine/" + id + "/apply",
                Map.of("channel", suite.channelKey(), "reason", "", "status", "quarantined"));
        assertEquals(303, reapplied.statusCode(), reapplied.asString());
        String back = path(reapplied);
        assertTrue(back.startsWith(channelList() + "&reason=&status=quarantined"), "back to the list it came from: " + back);
        assertTrue(back.endsWith("&done=still-quarantined&entry=" + id), back);
        String page = browser.get(back).then().statusCode(200).extract().asString();
        assertTrue(page.contains("id=\"still-quarantined\""), page);
        String row = rowOf(page, user);
        assertTrue(row.contains("class=\"badge quarantined\""), "the current mapping cannot read it either: " + row);
        assertTrue(row.contains("<strong>malformed_json</strong>"), row);
        assertTrue(row.contains("id=\"reapply-" + id + "\""), "it can be re-applied again once fixed");
    }

    @Test
    void reApplyingAllOfAChannelSaysWhatItDid() {
        String user = Kollus.newKey("channel");
        assertEquals(200, kollus.malformedLms(user));
        quarantined(user);
        assertFalse(browser.get("/quarantine").asString().contains("id=\"reapply-channel\""), "only for a channel");
        assertTrue(browser.get(channelList()).asString().contains("id=\"reapply-channel\""));

        Response reapplied = browser.post("/quarantine/apply", Map.of("channel", suite.channelKey(), "reason", "",
                "status", ""));
        assertEquals(303, reapplied.statusCode(), reapplied.asString());
        String page = browser.get(path(reapplied)).then().statusCode(200).extract().asString();
        assertTrue(page.contains("id=\"channel-reapplied\""), page);
        assertEquals("0", textOf(page, "applied-count"), "every quarantined callback of this channel is malformed");
        assertTrue(Integer.parseInt(textOf(page, "still-quarantined-count")) >= 1, page);
        assertTrue(rowOf(page, user).contains("class=\"badge quarantined\""));
    }

    @Test
    void reApplyingAMissingEntrySaysWhatFailedAndAFormWithoutItsTokenIsRefused() {
        browser.get("/quarantine");
        Response answer = browser.post("/quarantine/987654321/apply", Map.of("channel", "", "reason", "", "status", ""));
        assertEquals(404, answer.statusCode());
        String message = textOf(answer.asString(), "message");
        assertTrue(answer.asString().contains("Re-applying quarantine entry 987654321 failed"), answer.asString());
        assertTrue(message.contains("lms-service answered 404"), message);
        assertTrue(message.contains("Nothing was changed"), message);

        browser.get("/quarantine");
        assertEquals(403, browser.postExactly("/quarantine/987654321/apply", Map.of()).statusCode());
        assertEquals(403, browser.postExactly("/quarantine/apply", Map.of("channel", suite.channelKey())).statusCode());
        browser.get("/quarantine");
        assertEquals(400, browser.post("/quarantine/apply", Map.of("channel", " ")).statusCode(), "no channel to apply");
    }

    @Test
    void garbageFiltersAnswer400WithTheReasonsOnThePage() {
        Response answer = browser.get("/quarantine?reason=telepathy&status=maybe&page=0");
        assertEquals(400, answer.statusCode());
        String page = answer.asString();
        assertTrue(page.contains("Reason “telepathy” is unknown"), page);
        assertTrue(page.contains("Status “maybe” is unknown"), page);
        assertTrue(page.contains("Page “0” is not a page number"), page);
        assertTrue(page.contains("id=\"quarantine-filters\""), "the form is still there to correct");
        assertEquals(400, browser.post("/quarantine/not-a-number/apply", Map.of()).statusCode());
    }

    @Test
    void whileTheLmsIsDownThePageSaysSoAndReApplyingChangesNothing() {
        // Nothing listens on a port just released by the operating system: connections are refused.
        ServiceProcess console = suite.startConsole(Map.of(ConfigKeys.env(ConfigKeys.LMS_URL),
                "http://localhost:" + ServiceProcess.freePort()));
        Browser lmsDown = Browser.signedIn(console.baseUrl());

        Response page = lmsDown.get("/quarantine");
        assertEquals(200, page.statusCode());
        assertTrue(page.asString().contains("id=\"down-lms\""), page.asString());
        assertTrue(page.asString().contains("id=\"quarantine-filters\""));
        Response reapplied = lmsDown.post("/quarantine/1/apply", Map.of("channel", "", "reason", "", "status", ""));
        assertEquals(503, reapplied.statusCode());
        String message = textOf(reapplied.asString(), "message");
        assertTrue(message.contains("lms-service is down or not reachable"), message);
        assertTrue(message.contains("Nothing was changed"), message);
        assertTrue(lmsDown.get("/").asString().contains("id=\"down-lms\""), "the overview says why its count is missing");
    }
}
