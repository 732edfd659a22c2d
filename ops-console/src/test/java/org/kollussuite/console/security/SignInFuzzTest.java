package org.kollussuite.console.security;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kollussuite.commons.testing.Fuzzing;
import org.kollussuite.commons.testing.HostileInputs;
import org.kollussuite.commons.testing.RawHttp;
import org.kollussuite.console.Browser;
import org.kollussuite.console.ConsoleTestProfile;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile sign-ins while an operator signs in meanwhile: most carry a valid CSRF token, so that they reach the
 * token check and the return path, half of those the right token; none gets a 5xx or leaves the console.
 */
@QuarkusTest
@TestProfile(ConsoleTestProfile.class)
class SignInFuzzTest {

    private static final List<String> NAMES = List.of("token", "next", Browser.CSRF_FIELD);
    private static final String FORM = "application/x-www-form-urlencoded";

    private String csrf;

    @BeforeEach
    void fetchACsrfToken() {
        Browser browser = new Browser(ConsoleTestProfile.consoleUrl());
        browser.get(SignInFilter.SIGN_IN_PATH);
        csrf = browser.cookies().get("console-csrf");
    }

    @Test
    void hostileSignInsAreAnsweredWithoutA5xxAndNeverLeadElsewhere() {
        Fuzzing.fuzz("console POST /sign-in", NAMES, this::hostileSignIn, SignInFuzzTest::staysOnTheConsole,
                honestOperator());
    }

    @Test
    void hostileSignInPageRequestsAreAnsweredWithoutA5xx() {
        Fuzzing.fuzz("console GET /sign-in", NAMES, inputs -> inputs.request("GET", SignInFilter.SIGN_IN_PATH)
                .withHeader("Accept", "text/html"), SignInFuzzTest::staysOnTheConsole, honestOperator());
    }

    private RawHttp.Request hostileSignIn(HostileInputs inputs) {
        RawHttp.Request raw = inputs.request("POST", SignInFilter.SIGN_IN_PATH).withHeader("Accept", "text/html");
        String token = inputs.name().hashCode() % 2 == 0 ? ConsoleTestProfile.TOKEN : inputs.value();
        return switch (Math.floorMod(inputs.value().hashCode(), 4)) {
            case 0 -> raw;
            case 1 -> withCsrf(raw.target(), FORM, Browser.CSRF_FIELD + "=" + csrf + "&token=" + encode(token)
                    + "&next=" + inputs.value() + "&" + inputs.form());
            default -> withCsrf(raw.target(), FORM, Browser.CSRF_FIELD + "=" + csrf + "&token=" + encode(token)
                    + "&next=" + encode(inputs.value()));
        };
    }

    private RawHttp.Request withCsrf(String target, String contentType, String form) {
        return new RawHttp.Request("POST", target, contentType, form.getBytes(StandardCharsets.UTF_8),
                Map.of("Cookie", "console-csrf=" + csrf, "Accept", "text/html"));
    }

    /** A redirect only to a page of the console. */
    private static void staysOnTheConsole(RawHttp.Answer answer) {
        String location = answer.header("Location");
        if (location != null) {
            SignInReturnPathTest.assertThatLocationIsOfTheConsole(location, "a hostile sign-in");
        }
        assertTrue(answer.status() < 300 || location != null || answer.status() >= 400, "status " + answer.status());
    }

    private static Callable<Boolean> honestOperator() {
        return () -> {
            Browser browser = new Browser(ConsoleTestProfile.consoleUrl());
            browser.get(SignInFilter.SIGN_IN_PATH);
            String location = browser.post(SignInFilter.SIGN_IN_PATH, Map.of("token", ConsoleTestProfile.TOKEN,
                    "next", "/deliveries?status=failed")).header("Location");
            return location != null && location.endsWith("/deliveries?status=failed");
        };
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
