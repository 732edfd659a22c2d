package org.kollussuite.console.web;

import org.junit.jupiter.api.Test;
import org.kollussuite.console.Kollus;
import org.kollussuite.console.SignedInPageTest;

import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kollussuite.console.Html.textOf;

/** The overview against the real suite: readiness, rates, rejected and quarantined callbacks, deliveries, each linked. */
class OverviewIT extends SignedInPageTest {

    @Test
    void theOverviewShowsEveryServiceReady() {
        String page = browser.get("/").then().statusCode(200).extract().asString();
        for (String service : new String[]{"platform", "player", "lms", "notifier"}) {
            assertTrue(page.matches("(?s).*id=\"service-" + service + "\"[^>]*>.*?Ready.*"), service + " ready");
        }
        assertTrue(!page.contains("class=\"card is-down\""));
    }

    @Test
    void callbacksPerMinuteByTypeLinkToTheInbox() {
        assertEquals(200, kollus.upload(Kollus.newKey("rate")));
        String page = browser.get("/").asString();
        assertTrue(page.contains("id=\"rates\""), page);
        assertTrue(page.contains("<a href=\"/callbacks?type=upload\">upload</a>"));
    }

    @Test
    void rejectedCallbacksAreCountedAndLinkToTheirList() {
        int status = kollus.rejectedUpload(Kollus.newKey("rejected"));
        assertTrue(status >= 400 && status < 500, "the platform refuses a wrong service account: " + status);
        String page = browser.get("/").asString();
        assertTrue(Integer.parseInt(textOf(page, "rejected-platform").replace("≥ ", "")) >= 1);
        assertTrue(page.contains("href=\"/callbacks?source=platform&amp;status=rejected\""));
        browser.get("/callbacks?source=platform&status=rejected").then().statusCode(200)
                .body(containsString("class=\"badge rejected\""));
    }

    @Test
    void quarantinedLmsCallbacksAreCountedAndLinkToTheQuarantine() {
        assertEquals(200, kollus.malformedLms(Kollus.newKey("quarantined")));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            String count = textOf(browser.get("/").asString(), "quarantined-lms");
            return count != null && Integer.parseInt(count.replace("≥ ", "")) >= 1;
        });
        assertTrue(browser.get("/").asString().contains("id=\"quarantined-lms\" href=\"/quarantine?status=quarantined\""));
    }

    @Test
    void deliveriesByStateOfEachEndpointLinkToTheirLists() {
        String key = Kollus.newKey("counted");
        assertEquals(200, kollus.upload(key));
        await().atMost(Duration.ofSeconds(30)).until(() -> browser.get("/deliveries?endpoint=CMS&status=delivered&subject="
                + key).asString().matches("(?s).*id=\"delivery-\\d+\".*"));
        String page = browser.get("/").asString();
        assertTrue(page.contains("id=\"endpoint-CMS\""));
        assertTrue(page.contains("href=\"/deliveries?endpoint=CMS&amp;status=delivered\""));
        assertTrue(page.contains("id=\"dead-deliveries\" href=\"/deliveries?status=failed\""));
    }
}
