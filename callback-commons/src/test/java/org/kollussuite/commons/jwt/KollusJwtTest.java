package org.kollussuite.commons.jwt;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KollusJwtTest {

    /** The key the examples of the Kollus wire-format notes were signed with. */
    private static final String EXAMPLE_KEY = "EXAMPLE_SECURITY_KEY";
    private final KollusJwt jwt = new KollusJwt(EXAMPLE_KEY);

    @Test
    void playerTokenMatchesTheDocumentedExampleByteForByte() {
        Map<String, Object> payload = ordered("cuid", "user123", "expt", 1735693200, "mc",
                List.of(Map.of("mckey", "ljAq2vYw")), "next_episode", true);

        assertEquals("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJjdWlkIjoidXNlcjEyMyIsImV4cHQiOjE3MzU2OTMyMDAsIm1jIjpbeyJtY2tleSI6ImxqQXEydll3In1dLCJuZXh0X2VwaXNvZGUiOnRydWV9.5FVj4m6K17IGcXMSW1QHl5V6xquuKmKAMUWhx1v9a7s",
                jwt.sign(payload));
    }

    @Test
    void playAllowedKindOneMatchesTheDocumentedExample() {
        Map<String, Object> data = ordered("result", 1, "expiration_date", 1767225599, "expiration_playtime", 0,
                "vmcheck", 1);

        assertEquals("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJkYXRhIjp7InJlc3VsdCI6MSwiZXhwaXJhdGlvbl9kYXRlIjoxNzY3MjI1NTk5LCJleHBpcmF0aW9uX3BsYXl0aW1lIjowLCJ2bWNoZWNrIjoxfX0.-DsdyrF2u-FO91Q8_bljLxQPzq713q0hdQBZJiVQK7c",
                jwt.sign(Map.of("data", data)));
    }

    @Test
    void denialWithKoreanMessageMatchesTheDocumentedExample() {
        Map<String, Object> data = ordered("result", 0, "message", "수강 기간이 만료되었습니다.");

        assertEquals("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJkYXRhIjp7InJlc3VsdCI6MCwibWVzc2FnZSI6IuyImOqwlSDquLDqsITsnbQg66eM66OM65CY7JeI7Iq164uI64ukLiJ9fQ.ZnCMANujeHqwwQFx_ZHEWcxex5c2_xEI-cQxLVh2U94",
                jwt.sign(Map.of("data", data)));
    }

    @Test
    void playKindThreeMatchesTheDocumentedExample() {
        assertEquals("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJkYXRhIjp7InJlc3VsdCI6MSwiY29udGVudF9leHBpcmVkIjowfX0.ka4n6izrJ-S2LGTRLaWP0RxKmnyImB9TZrc66RVVjlQ",
                jwt.sign(Map.of("data", ordered("result", 1, "content_expired", 0))));
    }

    @Test
    void drmAnswerForThreeKindsMatchesTheDocumentedExample() {
        List<Map<String, Object>> items = List.of(
                ordered("kind", 1, "media_content_key", "ljAq2vYw", "result", 1, "expiration_date", 1767225599,
                        "expiration_count", 10, "expiration_playtime", 0, "check_abuse", 1),
                ordered("kind", 2, "media_content_key", "ljAq2vYw", "result", 1, "content_delete", 0),
                ordered("kind", 3, "media_content_key", "ljAq2vYw", "result", 1, "session_key", "9f1c0a6e",
                        "start_at", 1735689600, "content_expired", 0, "content_delete", 0,
                        "content_expire_reset", 0, "expiration_date", 1767225599));

        assertEquals("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJkYXRhIjpbeyJraW5kIjoxLCJtZWRpYV9jb250ZW50X2tleSI6ImxqQXEydll3IiwicmVzdWx0IjoxLCJleHBpcmF0aW9uX2RhdGUiOjE3NjcyMjU1OTksImV4cGlyYXRpb25fY291bnQiOjEwLCJleHBpcmF0aW9uX3BsYXl0aW1lIjowLCJjaGVja19hYnVzZSI6MX0seyJraW5kIjoyLCJtZWRpYV9jb250ZW50X2tleSI6ImxqQXEydll3IiwicmVzdWx0IjoxLCJjb250ZW50X2RlbGV0ZSI6MH0seyJraW5kIjozLCJtZWRpYV9jb250ZW50X2tleSI6ImxqQXEydll3IiwicmVzdWx0IjoxLCJzZXNzaW9uX2tleSI6IjlmMWMwYTZlIiwic3RhcnRfYXQiOjE3MzU2ODk2MDAsImNvbnRlbnRfZXhwaXJlZCI6MCwiY29udGVudF9kZWxldGUiOjAsImNvbnRlbnRfZXhwaXJlX3Jlc2V0IjowLCJleHBpcmF0aW9uX2RhdGUiOjE3NjcyMjU1OTl9XX0.fbMD-cwp5cyNL3jP-dMb510rD1CMtypO19JCintbHhU",
                jwt.sign(Map.of("data", items)));
    }

    @Test
    void independentLibraryVerifiesTheSignatureAndSeesIntegersAsIntegers() {
        String token = jwt.sign(Map.of("data", ordered("result", 1, "expiration_date", 1767225599L)));

        var decoded = JWT.require(Algorithm.HMAC256(EXAMPLE_KEY)).build().verify(token);

        assertEquals("HS256", decoded.getAlgorithm());
        assertEquals("JWT", decoded.getType());
        assertTrue(decoded.getClaims().keySet().equals(java.util.Set.of("data")), "no registered claims");
        JsonNode payload = jwt.verify(token);
        assertTrue(payload.path("data").path("result").isIntegralNumber());
        assertTrue(payload.path("data").path("expiration_date").isIntegralNumber());
    }

    @Test
    void tokenSignedWithAnotherKeyFailsBothVerifiers() {
        String forged = new KollusJwt("another key").sign(Map.of("data", Map.of("result", 1)));

        assertThrows(InvalidJwtException.class, () -> jwt.verify(forged));
        assertThrows(SignatureVerificationException.class,
                () -> JWT.require(Algorithm.HMAC256(EXAMPLE_KEY)).build().verify(forged));
    }

    @Test
    void tamperedPayloadIsRejected() {
        String token = jwt.sign(Map.of("data", Map.of("result", 0)));
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"data\":{\"result\":1}}".getBytes()) + "." + parts[2];

        InvalidJwtException e = assertThrows(InvalidJwtException.class, () -> jwt.verify(tampered));
        assertEquals("signature does not match", e.getMessage());
    }

    @Test
    void tokenWithoutThreePartsIsRejected() {
        assertThrows(InvalidJwtException.class, () -> jwt.verify("abc.def"));
        assertThrows(InvalidJwtException.class, () -> jwt.verify(null));
    }

    @Test
    void emptyKeyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new KollusJwt(""));
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
