package org.kollussuite.console.web;

import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.kollussuite.console.Kollus;
import org.kollussuite.console.SignedInPageTest;

import java.time.Instant;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The callbacks page against the real platform and player. */
class CallbacksIT extends SignedInPageTest {

    @Test
    void theInboxShowsACallbackWithItsRawParameters() {
        String key = Kollus.newKey("inbox");
        assertEquals(200, kollus.upload(key));

        browser.get("/callbacks?uploadFileKey=" + key).then().statusCode(200)
                .body(containsString("class=\"badge accepted\""))
                .body(containsString("<dt>upload_file_key</dt><dd>" + key + "</dd>"))
                .body(containsString("<a href=\"/contents/" + key + "\">"));
    }

    @Test
    void aRejectedCallbackShowsItsReason() {
        String key = Kollus.newKey("refused");
        kollus.rejectedUpload(key);

        String page = browser.get("/callbacks?status=rejected&uploadFileKey=" + key).then().statusCode(200)
                .extract().asString();
        assertTrue(page.contains("class=\"badge rejected\""), page);
        assertTrue(page.contains("content_provider_key"), "the reason names what was wrong");
    }

    @Test
    void theInboxIsFilteredByTypeOutcomeAndTime() {
        String key = Kollus.newKey("typed");
        Instant before = Instant.now().minusSeconds(1);
        assertEquals(200, kollus.upload(key));
        assertEquals(200, kollus.transcoded(key));

        browser.get("/callbacks?type=transcoding&status=accepted&uploadFileKey=" + key + "&since=" + before)
                .then().statusCode(200).body(containsString("<td>transcoding</td>")).body(not(containsString("<td>upload</td>")));
        browser.get("/callbacks?uploadFileKey=" + key + "&until=" + before).then().statusCode(200)
                .body(containsString("id=\"empty\""));
    }

    @Test
    void thePlayerListsTheCallbacksItRefusedAndTheLmsOnesAreInTheQuarantine() {
        browser.get("/callbacks?source=player").then().statusCode(200).body(containsString("records only the callbacks it refused"))
                .body(containsString("href=\"/quarantine\""));
        assertEquals(400, browser.get("/callbacks?source=lms").statusCode(), "the LMS records no refused callback");
    }

    @Test
    void garbageFiltersAnswer400WithTheReasonsOnThePage() {
        Response answer = browser.get("/callbacks?type=telepathy&status=maybe&since=2026-13-45&until=x");
        assertEquals(400, answer.statusCode());
        String page = answer.asString();
        assertTrue(page.contains("Type “telepathy” is unknown"));
        assertTrue(page.contains("Status “maybe” is unknown"));
        assertTrue(page.contains("Since “2026-13-45” is not a date and time"));
        assertTrue(page.contains("id=\"callback-filters\""));

        Response backwards = browser.get("/callbacks?since=2026-02-01T00:00&until=2026-01-01T00:00");
        assertEquals(400, backwards.statusCode());
        assertTrue(backwards.asString().contains("must be after"));
    }
}
