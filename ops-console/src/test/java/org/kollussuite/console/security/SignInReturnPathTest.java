package org.kollussuite.console.security;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.kollussuite.commons.testing.RawHttp;
import org.kollussuite.console.Browser;
import org.kollussuite.console.ConsoleTestProfile;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whatever return path comes with the right token, signing in lands on a page of the console or is refused. */
@QuarkusTest
@TestProfile(ConsoleTestProfile.class)
class SignInReturnPathTest {

    /** Return paths that once failed, led elsewhere, or could. */
    static final List<String> HOSTILE_NEXTS = List.of("https://elsewhere.example/", "//elsewhere.example/",
            "///elsewhere.example/", "/\\elsewhere.example/", "\\\\elsewhere.example", "/\t/elsewhere.example/",
            "/\r\n/elsewhere.example/", " //elsewhere.example/", "javascript:alert(1)", "/a b", "/%zz", "/%",
            "/%C3%28", "/\u0000", "/a\u0000b", "/%00", "/{id}", "/deliveries?x=%zz", "/deliveries#<script>",
            "/\u00e9l\u00e8ve", "/\ud800", "/" + "a".repeat(SignInResource.MAX_NEXT), "", "deliveries",
            "/..//elsewhere.example/", "/%2F%2Felsewhere.example/", "http:/elsewhere.example");

    @Test
    void everyReturnPathWithTheRightTokenLandsOnAPageOfTheConsole() {
        for (String next : HOSTILE_NEXTS) {
            Browser browser = new Browser(ConsoleTestProfile.consoleUrl());
            browser.get(SignInFilter.SIGN_IN_PATH);
            Response answer = browser.post(SignInFilter.SIGN_IN_PATH, Map.of("token", ConsoleTestProfile.TOKEN,
                    "next", next));

            assertEquals(303, answer.statusCode(), next);
            assertThatLocationIsOfTheConsole(answer.header("Location"), next);
            assertTrue(browser.cookies().containsKey(SessionCookie.NAME), next);
        }
    }

    @Test
    void theSignInPageOnlyCarriesAReturnPathOfTheConsole() {
        Browser browser = new Browser(ConsoleTestProfile.consoleUrl());
        String page = browser.get(SignInFilter.SIGN_IN_PATH + "?next=%2F%2Felsewhere.example%2F").asString();

        assertFalse(page.contains("elsewhere.example"), page);
    }

    @Test
    void aFormOrAddressWithABrokenEscapeIsRefusedWith400() throws Exception {
        Browser browser = new Browser(ConsoleTestProfile.consoleUrl());
        browser.get(SignInFilter.SIGN_IN_PATH);
        String csrf = browser.cookies().get("console-csrf");
        for (String next : List.of("%zz", "%", "%C3%28%zz", "/%G0")) {
            byte[] form = (Browser.CSRF_FIELD + "=" + csrf + "&token=" + ConsoleTestProfile.TOKEN + "&next=" + next)
                    .getBytes(StandardCharsets.UTF_8);
            RawHttp.Answer answer = RawHttp.send("localhost", RestAssured.port, new RawHttp.Request("POST",
                    SignInFilter.SIGN_IN_PATH, "application/x-www-form-urlencoded", form,
                    Map.of("Cookie", "console-csrf=" + csrf, "Accept", "text/html")));

            assertEquals(400, answer.status(), next + ": " + answer.text());
            assertTrue(answer.text().contains("Nothing was changed"), answer.text());
            assertFalse(String.valueOf(answer.header("Set-Cookie")).contains(SessionCookie.NAME + "="), next);
        }
        for (String target : List.of(SignInFilter.SIGN_IN_PATH + "?next=%zz", "/%zz", "/deliveries?status=%")) {
            RawHttp.Answer answer = RawHttp.send("localhost", RestAssured.port,
                    new RawHttp.Request("GET", target, "", new byte[0], Map.of("Accept", "text/html")));

            assertEquals(400, answer.status(), target);
            assertTrue(answer.text().contains("id=\"message\""), answer.text());
        }
    }

    /** On the console's own origin, and a path a browser does not turn into another host's URL. */
    static void assertThatLocationIsOfTheConsole(String location, String next) {
        URI console = URI.create(ConsoleTestProfile.consoleUrl() + "/");
        URI target = console.resolve(location).normalize();
        assertEquals(console.getScheme() + "://" + console.getRawAuthority(),
                target.getScheme() + "://" + target.getRawAuthority(), next + " -> " + location);
        assertFalse(target.getRawPath().startsWith("//") || target.getRawPath().contains(".."),
                next + " -> " + location);
    }
}
