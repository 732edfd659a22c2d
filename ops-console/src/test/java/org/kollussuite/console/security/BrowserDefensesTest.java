package org.kollussuite.console.security;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.kollussuite.commons.testing.RawHttp;
import org.kollussuite.console.Browser;
import org.kollussuite.console.ConsoleTestProfile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every answer of the console forbids framing, sniffing and Referers; every cookie is SameSite. */
@QuarkusTest
@TestProfile(ConsoleTestProfile.class)
class BrowserDefensesTest {

    private static final String CSRF_COOKIE = "console-csrf";
    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    /** What a policy of {@code 'self'} would block: inline scripts and styles, event handlers, script URLs. */
    private static final Pattern INLINE = Pattern.compile(
            "<script(?![^>]*\\bsrc=)[^>]*>|<style\\b|\\sstyle=|\\son[a-z]+=|javascript:", Pattern.CASE_INSENSITIVE);

    @Test
    void everyKindOfAnswerCarriesTheBrowserDefenses() throws IOException {
        Browser stranger = new Browser(ConsoleTestProfile.consoleUrl());
        assertDefended(stranger.get(SignInFilter.SIGN_IN_PATH), "the sign-in page");
        assertDefended(stranger.get("/deliveries"), "the redirect to signing in");
        assertDefended(stranger.post(SignInFilter.SIGN_IN_PATH, Map.of("token", "wrong", "next", "/")), "a wrong token");
        assertDefended(stranger.postExactly(SignInFilter.SIGN_IN_PATH, Map.of("token", "wrong")), "a CSRF refusal");
        assertDefended(given().redirects().follow(false).get("/deliveries"), "a program without a session");
        assertDefended(given().get("/static/console.js"), "the script");
        assertDefended(given().get("/static/console.css"), "the style sheet");
        assertDefended(given().get("/q/health/ready"), "health");

        Browser operator = new Browser(ConsoleTestProfile.consoleUrl());
        operator.get(SignInFilter.SIGN_IN_PATH);
        assertDefended(operator.post(SignInFilter.SIGN_IN_PATH, Map.of("token", ConsoleTestProfile.TOKEN, "next", "/")),
                "signing in");

        RawHttp.Answer unreadable = RawHttp.send("localhost", RestAssured.port,
                new RawHttp.Request("GET", "/%zz", "", new byte[0], Map.of("Accept", "text/html")));
        assertEquals(400, unreadable.status());
        assertEquals(BrowserDefenses.CONTENT_SECURITY_POLICY, unreadable.header("Content-Security-Policy"));
        assertEquals(BrowserDefenses.FRAME_OPTIONS, unreadable.header("X-Frame-Options"));
    }

    @Test
    void thePolicyForbidsFramingAndStillAllowsTheConsolesOwnFiles() {
        assertTrue(BrowserDefenses.CONTENT_SECURITY_POLICY.contains("frame-ancestors 'none'"));
        assertTrue(BrowserDefenses.CONTENT_SECURITY_POLICY.startsWith("default-src 'self';"),
                "scripts and styles fall back to the console's own origin");
        assertFalse(BrowserDefenses.CONTENT_SECURITY_POLICY.matches(".*(script|style)-src.*"),
                "no narrower rule for scripts or styles shuts out the console's files");
        given().get("/sign-in").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("<script src=\"/static/console.js\""))
                .body(org.hamcrest.Matchers.containsString("<link rel=\"stylesheet\" href=\"/static/console.css\">"));
    }

    @Test
    void noPageHoldsAnInlineScriptOrStyleThePolicyWouldBlock() throws IOException {
        try (Stream<Path> templates = Files.walk(TEMPLATES)) {
            List<Path> pages = templates.filter(path -> path.toString().endsWith(".html")).toList();
            assertFalse(pages.isEmpty());
            for (Path page : pages) {
                String html = Files.readString(page);
                assertFalse(INLINE.matcher(html).find(), page + " holds something inline");
            }
        }
    }

    @Test
    void theSessionAndCsrfCookiesAreSameSiteStrictAndHttpOnly() {
        Browser browser = new Browser(ConsoleTestProfile.consoleUrl());
        Response page = browser.get(SignInFilter.SIGN_IN_PATH);
        assertStrict(cookie(page, CSRF_COOKIE));

        Response signedIn = browser.post(SignInFilter.SIGN_IN_PATH, Map.of("token", ConsoleTestProfile.TOKEN, "next", "/"));
        assertStrict(cookie(signedIn, SessionCookie.NAME));

        Response signedOut = browser.post("/sign-out", Map.of());
        assertStrict(cookie(signedOut, SessionCookie.NAME));
    }

    private static void assertDefended(Response answer, String what) {
        assertEquals(BrowserDefenses.CONTENT_SECURITY_POLICY, answer.header("Content-Security-Policy"), what);
        assertEquals("nosniff", answer.header("X-Content-Type-Options"), what);
        assertEquals("no-referrer", answer.header("Referrer-Policy"), what);
        assertEquals("DENY", answer.header("X-Frame-Options"), what);
    }

    private static String cookie(Response answer, String name) {
        return answer.headers().getValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + answer.headers()));
    }

    private static void assertStrict(String setCookie) {
        String lower = setCookie.toLowerCase(Locale.ROOT);
        assertTrue(lower.contains("samesite=strict"), setCookie);
        assertTrue(lower.contains("httponly"), setCookie);
    }
}
