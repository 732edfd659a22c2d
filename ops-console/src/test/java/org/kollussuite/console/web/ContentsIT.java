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

/** The contents pages against the real platform and notifier. */
class ContentsIT extends SignedInPageTest {

    @Test
    void aContentsPageShowsItsStateChannelsAndTheDeliveriesItsEventsCaused() {
        String key = Kollus.newKey("content");
        String mediaContentKey = Kollus.newKey("mck");
        assertEquals(200, kollus.upload(key));
        assertEquals(200, kollus.transcoded(key));
        assertEquals(200, kollus.channelAdd(key, mediaContentKey));

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            String page = browser.get("/contents/" + key).asString();
            return page.contains("kollus.channel.content-added") && page.contains("kollus.content.transcoded");
        });
        String page = browser.get("/contents/" + key).asString();
        assertEquals("transcoded", textOf(page, "transcoding-state"));
        assertTrue(page.contains(mediaContentKey));
        assertTrue(page.contains(suite.channelKey()));
        assertTrue(page.contains("kollus.content.uploaded"));
    }

    @Test
    void theCatalogIsFilteredByChannelAndState() {
        String key = Kollus.newKey("catalog");
        assertEquals(200, kollus.channelAdd(key, Kollus.newKey("mck")));
        await().atMost(Duration.ofSeconds(30)).until(() -> browser.get("/contents?channel=" + suite.channelKey())
                .asString().contains("id=\"content-" + key + "\""));
        browser.get("/contents?status=transcoding-failed&channel=" + suite.channelKey()).then().statusCode(200)
                .body(containsString("id=\"empty\""));
    }

    @Test
    void anUnknownContentSaysSoWith404() {
        browser.get("/contents/" + Kollus.newKey("never")).then().statusCode(404).body(containsString("id=\"not-found\""));
    }

    @Test
    void anUnknownTranscodingStateIsA400WithTheReason() {
        browser.get("/contents?status=melted").then().statusCode(400)
                .body(containsString("Transcoding state “melted” is unknown"));
    }
}
