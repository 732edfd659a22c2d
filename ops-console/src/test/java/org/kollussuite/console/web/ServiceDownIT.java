package org.kollussuite.console.web;

import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kollussuite.commons.testing.ServiceProcess;
import org.kollussuite.console.Browser;
import org.kollussuite.console.ConsoleSuite;
import org.kollussuite.console.ConsoleSuiteExtension;
import org.kollussuite.console.config.ConfigKeys;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kollussuite.console.Html.textOf;

/** A console whose notifier URL is a closed port, next to the three real other services. */
@ExtendWith(ConsoleSuiteExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceDownIT {

    private ServiceProcess console;
    private Browser browser;

    @BeforeAll
    void startAConsoleWithTheNotifierDown(ConsoleSuite suite) {
        // Nothing listens on a port just released by the operating system: connections are refused.
        int closedPort = ServiceProcess.freePort();
        console = suite.startConsole(Map.of(ConfigKeys.env(ConfigKeys.NOTIFIER_URL), "http://localhost:" + closedPort));
    }

    @BeforeEach
    void signIn() {
        browser = Browser.signedIn(console.baseUrl());
    }

    @Test
    void theOverviewMarksTheServiceDownAndRendersEverythingElse() {
        Response answer = browser.get("/");
        assertEquals(200, answer.statusCode());
        String page = answer.asString();
        assertTrue(page.matches("(?s).*id=\"service-notifier\"[^>]*>.*?Down.*"), "the notifier is down");
        assertTrue(page.matches("(?s).*id=\"service-platform\"[^>]*>.*?Ready.*"), "the platform still shows");
        assertTrue(page.contains("id=\"down-notifier\""), "the deliveries part says why it is missing");
        assertTrue(textOf(page, "down-notifier").contains("connection refused"));
        assertTrue(page.contains("id=\"rejected-platform\""), "rejected callbacks still show");
    }

    @Test
    void theDeliveriesPageSaysTheNotifierIsDown() {
        Response answer = browser.get("/deliveries");
        assertEquals(200, answer.statusCode());
        assertTrue(answer.asString().contains("id=\"down-notifier\""));
        assertTrue(answer.asString().contains("id=\"delivery-filters\""));
    }

    @Test
    void aRetryWhileTheNotifierIsDownSaysWhatFailed() {
        browser.get("/deliveries");
        Response answer = browser.post("/deliveries/1/retry", Map.of());
        assertEquals(503, answer.statusCode());
        String message = textOf(answer.asString(), "message");
        assertTrue(message.contains("notifier-service is down or not reachable"), message);
        assertTrue(message.contains("Nothing was changed"), message);
    }

    @Test
    void pagesOfTheOtherServicesWorkAsUsual() {
        assertEquals(200, browser.get("/callbacks").statusCode());
        assertEquals(200, browser.get("/quarantine").statusCode());
        assertEquals(200, browser.get("/entitlements?clientUserId=someone").statusCode());
        Response content = browser.get("/contents/unknown-content");
        assertEquals(404, content.statusCode(), "the catalog answers; only the deliveries part is down");
        assertTrue(content.asString().contains("id=\"down-notifier\""));
    }
}
