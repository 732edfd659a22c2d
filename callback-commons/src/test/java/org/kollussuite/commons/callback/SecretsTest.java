package org.kollussuite.commons.callback;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretsTest {

    @Test
    void equalSecretsMatch() {
        assertTrue(Secrets.matches("s3cr3t-token", new String("s3cr3t-token")));
    }

    @Test
    void equalNonAsciiSecretsMatch() {
        assertTrue(Secrets.matches("비밀-토큰", "비밀-토큰"));
    }

    @Test
    void differentSecretsOfTheSameLengthDoNotMatch() {
        assertFalse(Secrets.matches("s3cr3t-tokenA", "s3cr3t-tokenB"));
    }

    @Test
    void secretsThatDifferOnlyInCaseDoNotMatch() {
        assertFalse(Secrets.matches("Secret", "secret"));
    }

    @Test
    void aPrefixOfTheSecretDoesNotMatch() {
        assertFalse(Secrets.matches("s3cr3t", "s3cr3t-token"));
        assertFalse(Secrets.matches("s3cr3t-token", "s3cr3t"));
    }

    @Test
    void anEmptyPresentedSecretDoesNotMatchARealOne() {
        assertFalse(Secrets.matches("", "s3cr3t"));
    }

    @Test
    void nullOnEitherSideNeverMatches() {
        assertFalse(Secrets.matches(null, "s3cr3t"));
        assertFalse(Secrets.matches("s3cr3t", null));
        assertFalse(Secrets.matches(null, null));
    }
}
