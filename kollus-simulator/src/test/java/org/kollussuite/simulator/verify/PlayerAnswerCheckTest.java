package org.kollussuite.simulator.verify;

import org.junit.jupiter.api.Test;
import org.kollussuite.simulator.http.Answer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PlayerAnswerCheckTest {

    private static final String SECURITY_KEY = "security";
    private static final String CUSTOM_KEY = "custom";

    private final PlayerAnswerCheck check = new PlayerAnswerCheck(SECURITY_KEY, CUSTOM_KEY);
    private final Violations violations = new Violations();

    private static String jwt(String payload, String key) throws Exception {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String input = encoder.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + encoder.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return input + "." + encoder.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    private static Answer answer(String userKey, String body) {
        return new Answer(200, name -> name.equalsIgnoreCase("X-Kollus-UserKey") ? Optional.ofNullable(userKey) : Optional.empty(),
                body, null);
    }

    private void play(int kind, boolean allowed, Answer answer) {
        check.play(kind, allowed, answer, violations.forCallback("play"));
    }

    @Test
    void theExampleAnswerOfTheWireFormatPasses() throws Exception {
        play(1, true, answer(CUSTOM_KEY, jwt("{\"data\":{\"result\":1,\"expiration_date\":1767225599,\"expiration_playtime\":0,\"vmcheck\":1}}", SECURITY_KEY)));

        assertEquals(0, violations.total(), violations.examples().toString());
    }

    @Test
    void aSignatureMadeWithAnotherKeyIsASignatureViolation() throws Exception {
        play(3, true, answer(CUSTOM_KEY, jwt("{\"data\":{\"result\":1,\"content_expired\":0}}", "other")));

        assertEquals(java.util.Map.of("signature", 1L), violations.byCategory());
    }

    @Test
    void aMissingOrWrongUserKeyIsAUserKeyViolation() throws Exception {
        String body = jwt("{\"data\":{\"result\":1,\"content_expired\":0}}", SECURITY_KEY);

        play(3, true, answer(null, body));
        play(3, true, answer("customx", body));

        assertEquals(java.util.Map.of("user-key", 2L), violations.byCategory());
    }

    @Test
    void anIntegerSentAsAStringIsAnIntegerTypeViolation() throws Exception {
        play(1, true, answer(CUSTOM_KEY, jwt("{\"data\":{\"result\":1,\"expiration_date\":\"1767225599\"}}", SECURITY_KEY)));

        assertEquals(1L, violations.byCategory().get("integer-type"), violations.examples().toString());
    }

    @Test
    void aGrantWhereADenialIsDueIsAnExpectedResultViolation() throws Exception {
        play(1, false, answer(CUSTOM_KEY, jwt("{\"data\":{\"result\":1,\"expiration_date\":0}}", SECURITY_KEY)));

        assertEquals(1L, violations.byCategory().get("expected-result"), violations.examples().toString());
    }

    @Test
    void aRegisteredClaimInTheAnswerIsAViolation() throws Exception {
        play(3, true, answer(CUSTOM_KEY, jwt("{\"data\":{\"result\":1,\"content_expired\":0},\"iat\":1}", SECURITY_KEY)));

        assertEquals(java.util.Map.of("registered-claim", 1L), violations.byCategory());
    }

    @Test
    void aBodyThatIsNotAJwtIsAViolation() {
        play(1, true, answer(CUSTOM_KEY, "{\"result\":1}"));

        assertEquals(java.util.Map.of("not-jwt", 1L), violations.byCategory());
    }
}
