package org.kollussuite.console.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Compares a presented token with the admin token in constant time. The console does not depend on
 * callback-commons (whose check the services use) because that brings the services' database and broker
 * stack; {@link MessageDigest#isEqual} is constant-time and its time depends only on the expected token's
 * length, so nothing about the presented one leaks.
 */
public final class TokenCheck {

    private TokenCheck() {
    }

    public static boolean matches(String presented, String expected) {
        if (presented == null || expected == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}
