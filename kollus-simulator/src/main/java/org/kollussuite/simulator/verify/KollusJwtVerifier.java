package org.kollussuite.simulator.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Set;

/**
 * Checks a compact JWT the way the Kollus player must take it (kollus-callbacks.md §1.4): HS256
 * header, HMAC-SHA256 signature with the channel's security key over base64url without padding,
 * and no RFC 7519 registered claims. It keeps the payload as raw JSON so that a string where an
 * integer is due stays visible.
 */
public final class KollusJwtVerifier {

    private static final Set<String> REGISTERED_CLAIMS = Set.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final byte[] securityKey;

    public KollusJwtVerifier(String securityKey) {
        this.securityKey = securityKey.getBytes(StandardCharsets.UTF_8);
    }

    /** The payload of {@code token}, or null after reporting to {@code sink} why it cannot be trusted. */
    public JsonNode verify(String token, Violations.Sink sink) {
        String[] parts = token.strip().split("\\.", -1);
        if (parts.length != 3 || parts[0].contains("=") || parts[1].contains("=") || parts[2].contains("=")) {
            sink.violation("not-jwt", "the body is not a compact JWT without padding");
            return null;
        }
        JsonNode header = json(parts[0]);
        JsonNode payload = json(parts[1]);
        if (header == null || payload == null) {
            sink.violation("not-jwt", "header or payload is not base64url JSON");
            return null;
        }
        if (!"HS256".equals(header.path("alg").asText())) {
            sink.violation("signature", "algorithm is " + header.path("alg") + ", not HS256");
            return null;
        }
        byte[] signature;
        try {
            signature = DECODER.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            sink.violation("signature", "signature is not base64url");
            return null;
        }
        if (!MessageDigest.isEqual(hmac(parts[0] + "." + parts[1]), signature)) {
            sink.violation("signature", "signature does not verify with the security key");
            return null;
        }
        payload.fieldNames().forEachRemaining(name -> {
            if (REGISTERED_CLAIMS.contains(name)) {
                sink.violation("registered-claim", "payload carries the registered claim " + name);
            }
        });
        return payload;
    }

    private byte[] hmac(String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(securityKey, "HmacSHA256"));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }

    private static JsonNode json(String part) {
        try {
            return JSON.readTree(DECODER.decode(part));
        } catch (IllegalArgumentException | IOException e) {
            return null;
        }
    }
}
