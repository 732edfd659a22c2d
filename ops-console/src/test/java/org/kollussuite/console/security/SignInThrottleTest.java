package org.kollussuite.console.security;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.kollussuite.console.Browser;
import org.kollussuite.console.ConsoleTestProfile;
import org.kollussuite.console.config.ConfigKeys;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Guessing the admin token at the sign-in form stops after a few wrong tokens from one address. */
@QuarkusTest
@TestProfile(SignInThrottleTest.FewGuesses.class)
class SignInThrottleTest {

    static final int LIMIT = 3;
    static final long WINDOW_SECONDS = 600;

    /** A low limit and a window longer than the test. */
    public static class FewGuesses implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(ConfigKeys.ADMIN_API_TOKEN, ConsoleTestProfile.TOKEN,
                    ConfigKeys.ADMIN_API_FAILURE_LIMIT, String.valueOf(LIMIT),
                    ConfigKeys.ADMIN_API_FAILURE_WINDOW, "PT" + WINDOW_SECONDS + "S");
        }
    }

    @Test
    void anAddressThatSentTooManyWrongTokensIsAnswered429UntilItsWindowEnds() {
        Browser guesser = new Browser(ConsoleTestProfile.consoleUrl());
        guesser.get(SignInFilter.SIGN_IN_PATH);
        for (int i = 0; i < LIMIT; i++) {
            assertEquals(401, guesser.post(SignInFilter.SIGN_IN_PATH, Map.of("token", "guess-" + i, "next", "/"))
                    .statusCode());
        }

        Response refused = guesser.post(SignInFilter.SIGN_IN_PATH, Map.of("token", "guess-more", "next", "/"));
        assertEquals(429, refused.statusCode());
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= WINDOW_SECONDS, "Retry-After " + retryAfter);
        assertTrue(refused.asString().contains("id=\"sign-in-problem\""));

        Response rightTokenMeanwhile = guesser.post(SignInFilter.SIGN_IN_PATH,
                Map.of("token", ConsoleTestProfile.TOKEN, "next", "/"));
        assertEquals(429, rightTokenMeanwhile.statusCode(), "the token is not even checked while refused");
        assertFalse(guesser.cookies().containsKey(SessionCookie.NAME));
    }
}
