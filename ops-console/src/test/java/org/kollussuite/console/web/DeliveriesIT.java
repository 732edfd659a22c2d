package org.kollussuite.console.web;

import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.kollussuite.commons.testing.WebhookReceiver;
import org.kollussuite.console.ConsoleSuite;
import org.kollussuite.console.Kollus;
import org.kollussuite.console.SignedInPageTest;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kollussuite.console.Html.firstId;
import static org.kollussuite.console.Html.textOf;

/** The delivery log, one delivery, retry, endpoints and replays against the real notifier and a real receiver. */
class DeliveriesIT extends SignedInPageTest {

    private static final Duration DELIVERY = Duration.ofSeconds(30);

    /** Waits for the delivery of the event about {@code subject} to the CMS endpoint to reach {@code state}. */
    private long deliveryTo(String endpoint, String subject, String state) {
        String list = "/deliveries?endpoint=" + endpoint + "&status=" + state + "&subject=" + subject;
        await().atMost(DELIVERY).until(() -> hasRows(browser.get(list).asString()));
        return firstId(browser.get(list).asString(), "delivery-");
    }

    private static boolean hasRows(String page) {
        return page.matches("(?s).*id=\"delivery-\\d+\".*");
    }

    @Test
    void aDeadDeliveryIsRetriedFromItsPageOnceTheReceiverIsFixed() {
        String key = Kollus.newKey("dead");
        AtomicBoolean fixed = new AtomicBoolean(false);
        suite.receiver().on("/cms", r -> r.body().contains(key) && !fixed.get()
                ? WebhookReceiver.Answer.status(500) : WebhookReceiver.Answer.ok());
        assertEquals(200, kollus.upload(key));

        long id = deliveryTo(ConsoleSuite.CMS, key, "failed");
        String page = browser.get("/deliveries/" + id).asString();
        assertEquals("failed", textOf(page, "delivery-state"));
        assertTrue(page.contains("id=\"attempts\""), "every attempt is listed");
        assertEquals(2, page.split("<td>500</td>", -1).length - 1, "the first attempt and one retry, both 500");

        fixed.set(true);
        Response retried = browser.post("/deliveries/" + id + "/retry", Map.of());
        assertEquals(303, retried.statusCode());
        assertTrue(retried.header("Location").endsWith("/deliveries/" + id + "?done=retried"));
        browser.get("/deliveries/" + id + "?done=retried").then().statusCode(200).body(containsString("id=\"retried\""));
        await().atMost(DELIVERY).until(() -> "delivered".equals(textOf(browser.get("/deliveries/" + id).asString(),
                "delivery-state")));
    }

    @Test
    void retryOfAMissingDeliverySaysWhatFailedAndChangesNothing() {
        browser.get("/deliveries");
        Response answer = browser.post("/deliveries/987654321/retry", Map.of());

        assertEquals(404, answer.statusCode());
        String message = textOf(answer.asString(), "message");
        assertTrue(message.contains("Retry of delivery 987654321 failed") || answer.asString().contains("failed"), message);
        assertTrue(message.contains("no delivery 987654321"), message);
        assertTrue(message.contains("Nothing was changed"), message);
        browser.get("/deliveries/987654321").then().statusCode(404).body(containsString("id=\"not-found\""));
    }

    @Test
    void deliveriesAreFilteredByEndpointStateTypeAndTime() {
        String key = Kollus.newKey("filtered");
        assertEquals(200, kollus.upload(key));
        long id = deliveryTo(ConsoleSuite.CMS, key, "delivered");

        String since = Instant.now().minus(1, ChronoUnit.HOURS).toString();
        browser.get("/deliveries?endpoint=CMS&status=delivered&type=kollus.content.uploaded&subject=" + key
                + "&since=" + since).then().statusCode(200).body(containsString("id=\"delivery-" + id + "\""));
        browser.get("/deliveries?endpoint=CMS&status=failed&subject=" + key).then().statusCode(200)
                .body(containsString("id=\"empty\"")).body(not(containsString("id=\"delivery-" + id + "\"")));
        browser.get("/deliveries?subject=" + key + "&until=" + since).then().statusCode(200)
                .body(containsString("id=\"empty\""));
    }

    @Test
    void garbageFiltersAnswer400WithTheReasonsOnThePage() {
        Response answer = browser.get("/deliveries?status=sideways&since=yesterday&page=minus-one");

        assertEquals(400, answer.statusCode());
        String problems = textOf(answer.asString(), "problems");
        assertTrue(answer.asString().contains("State “sideways” is unknown"), problems);
        assertTrue(answer.asString().contains("Since “yesterday” is not a date and time"), problems);
        assertTrue(answer.asString().contains("Page “minus-one” is not a page number"), problems);
        assertTrue(answer.asString().contains("id=\"delivery-filters\""), "the form is still there to correct");
        assertTrue(!answer.asString().contains("Exception") && !answer.asString().contains("at org."), "no stack trace");
        assertEquals(400, browser.get("/deliveries/not-a-number").statusCode());
    }

    @Test
    void listsArePagedKeepingTheirFilters() {
        for (int i = 0; i < 30; i++) {
            assertEquals(200, kollus.upload(Kollus.newKey("paged")));
        }
        await().atMost(DELIVERY).until(() -> hasRows(browser.get("/deliveries?endpoint=CMS&type=kollus.content.uploaded&page=2")
                .asString()));
        String first = browser.get("/deliveries?endpoint=CMS&type=kollus.content.uploaded").asString();
        assertTrue(first.contains("id=\"page-next\""));
        assertTrue(first.contains("href=\"/deliveries?endpoint=CMS&amp;type=kollus.content.uploaded&amp;page=2\""), first);
        String second = browser.get("/deliveries?endpoint=CMS&type=kollus.content.uploaded&page=2").asString();
        assertTrue(second.contains("id=\"page-previous\""));
        assertTrue(firstId(first, "delivery-") > firstId(second, "delivery-"), "newest first");
    }

    @Test
    void aDisabledEndpointIsEnabledAgainFromTheEndpointsPage() {
        suite.receiver().on("/gone", r -> WebhookReceiver.Answer.status(410));
        assertEquals(200, kollus.upload(Kollus.newKey("gone")));
        await().atMost(DELIVERY).until(() -> browser.get("/endpoints").asString().contains("id=\"enable-GONE\""));
        assertTrue(browser.get("/").asString().contains("id=\"troubled\""), "the overview lists it");

        suite.receiver().on("/gone", r -> WebhookReceiver.Answer.ok());
        Response enabled = browser.post("/endpoints/GONE/enable", Map.of());
        assertEquals(303, enabled.statusCode());
        String page = browser.get(enabled.header("Location").replaceFirst("^https?://[^/]+", "")).asString();
        assertTrue(page.contains("id=\"enabled\""), page);
        assertTrue(!page.contains("id=\"enable-GONE\""), "no longer disabled");
    }

    @Test
    void aReplayShowsItsProgressUntilItIsFinishedAndCancellingItThenChangesNothing() {
        String key = Kollus.newKey("replay");
        Instant since = Instant.now().minusSeconds(1);
        assertEquals(200, kollus.upload(key));
        deliveryTo(ConsoleSuite.CMS, key, "delivered");
        browser.get("/endpoints");

        Response started = browser.post("/endpoints/CMS/replay", Map.of("since", since.toString(), "until", ""));
        assertEquals(303, started.statusCode());
        String replay = started.header("Location").replaceFirst("^https?://[^/]+", "");
        assertTrue(replay.matches("/replays/\\d+"), replay);
        await().atMost(DELIVERY).until(() -> "finished".equals(textOf(browser.get(replay).asString(), "replay-state")));
        String page = browser.get(replay).asString();
        assertTrue(page.contains("id=\"replay-progress\""));
        assertTrue(!page.contains("id=\"cancel-replay\""), "a finished replay has nothing to cancel");

        Response cancelled = browser.post(replay + "/cancel", Map.of());
        assertEquals(303, cancelled.statusCode(), "cancelling a finished replay changes nothing and says so on its page");
        assertEquals("finished", textOf(browser.get(replay).asString(), "replay-state"));
    }

    @Test
    void aReplayWithAGarbageRangeIsRefusedOnThePage() {
        browser.get("/endpoints");
        Response answer = browser.post("/endpoints/CMS/replay", Map.of("since", "soon", "until", ""));
        assertEquals(400, answer.statusCode());
        assertTrue(answer.asString().contains("Since “soon” is not a date and time"));

        browser.get("/endpoints");
        Response unknown = browser.post("/endpoints/NOWHERE/replay", Map.of("since", "2026-01-01T00:00", "until", ""));
        assertEquals(404, unknown.statusCode());
        assertTrue(textOf(unknown.asString(), "message").contains("no endpoint named NOWHERE"));
    }
}
