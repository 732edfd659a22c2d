package org.kollussuite.console.security;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where a sign-in may return to, and the token comparison. */
class SignInResourceTest {

    @Test
    void afterSignInOnlyAPathOfTheConsoleIsFollowed() {
        assertEquals("/deliveries?status=failed", SignInResource.safeNext("/deliveries?status=failed"));
        assertEquals("/", SignInResource.safeNext(null));
        assertEquals("/", SignInResource.safeNext("https://elsewhere.example/"));
        assertEquals("/", SignInResource.safeNext("//elsewhere.example/"));
        assertEquals("/", SignInResource.safeNext("/\\elsewhere.example/"));
    }

    @Test
    void theTokenCheckMatchesOnlyTheSameToken() {
        assertTrue(TokenCheck.matches("admin-token", "admin-token"));
        assertFalse(TokenCheck.matches("admin-token-", "admin-token"));
        assertFalse(TokenCheck.matches("", "admin-token"));
        assertFalse(TokenCheck.matches(null, "admin-token"));
        assertFalse(TokenCheck.matches("admin-token", null));
    }
}
