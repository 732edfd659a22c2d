package org.kollussuite.endtoend;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Reads a player callback's answer as the Kollus player does: HTTP 200, {@code X-Kollus-UserKey}, a bare HS256
 * JWT, verified here with auth0 java-jwt, an implementation independent of the suite's own signer.
 */
final class PlayerAnswers {

    static final String SECURITY_KEY = "test-security-key";
    static final String CUSTOM_KEY = "test-custom-key";

    private PlayerAnswers() {
    }

    /** The {@code data} of a verified answer; an AssertionError says what the player would have refused. */
    static JsonNode data(Http.Answer answer) {
        assertEquals(200, answer.status(), answer.body());
        assertEquals(CUSTOM_KEY, answer.header("X-Kollus-UserKey"));
        return verified(answer.body()).get("data");
    }

    /** The payload of {@code token} once its HS256 signature checks out with the security key. */
    static JsonNode verified(String token) {
        JWT.require(Algorithm.HMAC256(SECURITY_KEY)).build().verify(token);
        try {
            return Http.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        } catch (IOException e) {
            throw new AssertionError("the JWT payload is not JSON: " + token, e);
        }
    }
}
