package org.kollussuite.console.security;

import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kollussuite.console.Browser;
import org.kollussuite.console.ConsoleSuite;
import org.kollussuite.console.ConsoleSuiteExtension;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Nothing of the console without signing in, the session cookie, CSRF refusals and signing out. */
@ExtendWith(ConsoleSuiteExtension.class)
class SignInIT {

    private static final List<String> PAGES = List.of("/", "/callbacks", "/quarantine", "/contents", "/contents/any",
            "/deliveries", "/deliveries/1", "/endpoints", "/replays/1", "/learners", "/learners/c/m/u", "/entitlements");

    private String console;

    @BeforeEach
    void console(ConsoleSuite suite) {
        console = suite.consoleUrl();
    }

    @Test
    void everyPageSendsABrowserThatIsNotSignedInToTheSignInPage() {
        for (String page : PAGES) {
            Response answer = new Browser(console).get(page);
            assertEquals(303, answer.statusCode(), page);
            assertTrue(answer.header("Location").contains("/sign-in?next="), page + " → " + answer.header("Location"));
        }
    }

    @Test
    void aProgramThatDoesNotAskForHtmlGets401WithoutASession() {
        for (String page : PAGES) {
            given().baseUri(console).redirects().follow(false).get(page).then().statusCode(401);
        }
    }

    @Test
    void formsArePostedToNothingWithoutASession() {
        Browser browser = new Browser(console);
        browser.get("/sign-in");
        Response answer = browser.post("/deliveries/1/retry", Map.of());
        assertEquals(303, answer.statusCode());
        assertTrue(answer.header("Location").contains("/sign-in"));
    }

    @Test
    void aWrongTokenIsRefusedAndOpensNoSession() {
        Browser browser = new Browser(console);
        browser.get("/sign-in");
        Response answer = browser.post("/sign-in", Map.of("token", "not-the-token", "next", "/"));

        assertEquals(401, answer.statusCode());
        assertTrue(answer.asString().contains("id=\"sign-in-problem\""));
        assertFalse(browser.cookies().containsKey(SessionCookie.NAME));
        assertEquals(303, browser.get("/").statusCode());
    }

    @Test
    void theAdminTokenOpensASessionWhoseCookieIsHttpOnlyStrictAndHoldsNoToken() {
        Browser browser = new Browser(console);
        browser.get("/sign-in");
        Response answer = browser.post("/sign-in", Map.of("token", ConsoleSuite.ADMIN_TOKEN, "next", "/deliveries"));

        assertEquals(303, answer.statusCode());
        assertThatLocationIs(answer, "/deliveries");
        String setCookie = answer.headers().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(SessionCookie.NAME + "=")).findFirst().orElse(null);
        assertNotNull(setCookie);
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.toLowerCase().contains("samesite=strict"), setCookie);
        assertFalse(setCookie.contains(ConsoleSuite.ADMIN_TOKEN), "the token itself never leaves the server");
        browser.get("/").then().statusCode(200).body(containsString("id=\"service-platform\""))
                .body(not(containsString(ConsoleSuite.ADMIN_TOKEN)));
    }

    @Test
    void signingInOnlyReturnsToAPageOfTheConsole() {
        Browser browser = new Browser(console);
        browser.get("/sign-in");
        Response answer = browser.post("/sign-in", Map.of("token", ConsoleSuite.ADMIN_TOKEN,
                "next", "//elsewhere.example/steal"));
        assertThatLocationIs(answer, "/");
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefusedWith403() {
        Browser browser = Browser.signedIn(console);
        browser.get("/deliveries");

        Response answer = browser.postExactly("/deliveries/1/retry", Map.of());
        assertEquals(403, answer.statusCode());
        assertTrue(answer.asString().contains("Nothing was changed"));

        Browser stranger = new Browser(console);
        stranger.get("/sign-in");
        assertEquals(403, stranger.postExactly("/sign-in", Map.of("token", ConsoleSuite.ADMIN_TOKEN)).statusCode(),
                "even signing in needs the form's token");
        assertFalse(stranger.cookies().containsKey(SessionCookie.NAME));
    }

    @Test
    void signingOutEndsTheSession() {
        Browser browser = Browser.signedIn(console);
        browser.get("/").then().statusCode(200);
        String session = browser.cookies().get(SessionCookie.NAME);

        browser.post("/sign-out", Map.of()).then().statusCode(200).body(containsString("id=\"signed-out\""));

        assertEquals(303, browser.get("/").statusCode());
        given().baseUri(console).redirects().follow(false).accept("text/html").cookie(SessionCookie.NAME, session)
                .get("/").then().statusCode(303).header("Location", containsString("/sign-in"));
    }

    private static void assertThatLocationIs(Response answer, String path) {
        org.hamcrest.MatcherAssert.assertThat(answer.header("Location"), endsWith(path));
        assertFalse(answer.header("Location").contains("elsewhere"));
    }
}
