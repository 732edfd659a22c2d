package org.kollussuite.console.web;

import org.junit.jupiter.api.Test;
import org.kollussuite.console.Kollus;
import org.kollussuite.console.SignedInPageTest;

import java.time.Duration;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kollussuite.console.Html.textOf;

/** The learners pages against the real LMS, fed with real LMS callbacks. */
class LearnersIT extends SignedInPageTest {

    @Test
    void aLearnersProgressShowsTheBlockMapSessionsAndCompletion() {
        String user = Kollus.newKey("learner");
        String mediaContentKey = Kollus.newKey("mck");
        assertEquals(200, kollus.lms(user, mediaContentKey, 1_700_000_000L, 300, Set.of(0, 1, 2)));
        assertEquals(200, kollus.lms(user, mediaContentKey, 1_700_100_000L, 400, Set.of(5, 6, 7, 8)));

        String page = "/learners/" + suite.channelKey() + "/" + mediaContentKey + "/" + user;
        await().atMost(Duration.ofSeconds(30)).until(() -> "2".equals(textOf(browser.get(page).asString(), "sessions")));
        String html = browser.get(page).then().statusCode(200).extract().asString();
        assertEquals("70 %", textOf(html, "percent"));
        assertTrue(html.contains("id=\"block-map\""));
        assertEquals(7, html.split("class=\"on\"", -1).length - 1, "seven watched blocks drawn");
        assertEquals(3, html.split("class=\"off\"", -1).length - 1, "three unwatched blocks drawn");
        assertTrue(textOf(html, "completed").startsWith("no"));

        browser.get("/learners?clientUserId=" + user).then().statusCode(200)
                .body(containsString("href=\"" + page + "\""));
    }

    @Test
    void aContentsSummaryShowsItsLearnersAverageAndCompletions() {
        String mediaContentKey = Kollus.newKey("course");
        assertEquals(200, kollus.lms(Kollus.newKey("a"), mediaContentKey, 1_700_000_000L, 900,
                Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)));
        assertEquals(200, kollus.lms(Kollus.newKey("b"), mediaContentKey, 1_700_000_000L, 100, Set.of(0)));

        String summary = "/learners?channel=" + suite.channelKey() + "&mediaContentKey=" + mediaContentKey;
        await().atMost(Duration.ofSeconds(30)).until(() -> "2".equals(textOf(browser.get(summary).asString(),
                "summary-learners")));
        String html = browser.get(summary).asString();
        assertEquals("55.0 %", textOf(html, "summary-average"));
        assertEquals("1", textOf(html, "summary-completions"));
    }

    @Test
    void aLearnerWithoutProgressSaysWhereItComesFrom() {
        browser.get("/learners/" + suite.channelKey() + "/nothing/" + Kollus.newKey("nobody")).then().statusCode(404)
                .body(containsString("id=\"not-found\""));
        browser.get("/learners?clientUserId=" + Kollus.newKey("nobody")).then().statusCode(200)
                .body(containsString("id=\"empty\""));
    }
}
