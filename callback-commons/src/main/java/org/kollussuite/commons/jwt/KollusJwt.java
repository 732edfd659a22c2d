package org.kollussuite.commons.jwt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;

/**
 * Signs and verifies the HS256 JWTs Kollus expects: no registered claims, base64url without
 * padding, the payload serialized exactly as given so integers stay JSON integers.
 *
 * <p>General-purpose JWT libraries reorder or add claims; Kollus answers are compared byte for byte
 * with its documented examples, so the compact form is built here and verified independently in tests.
 */
public final class KollusJwt {

    private static final String ALGORITHM = "HmacSHA256";
    private static final String HEADER_JSON = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String ENCODED_HEADER = ENCODER.encodeToString(HEADER_JSON.getBytes(StandardCharsets.UTF_8));

    /** Independent of any service's Jackson customisation, so the signed bytes never change with it. */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Mac prototype;

    public KollusJwt(String securityKey) {
        Objects.requireNonNull(securityKey, "securityKey");
        if (securityKey.isEmpty()) {
            throw new IllegalArgumentException("the security key is empty");
        }
        try {
            prototype = Mac.getInstance(ALGORITHM);
            prototype.init(new SecretKeySpec(securityKey.getBytes(StandardCharsets.UTF_8), ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The compact JWT of {@code payload}, serialized by Jackson in its declared or insertion order. */
    public String sign(Object payload) {
        byte[] json;
        try {
            json = MAPPER.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("payload cannot be serialized", e);
        }
        String signingInput = ENCODED_HEADER + '.' + ENCODER.encodeToString(json);
        return signingInput + '.' + ENCODER.encodeToString(hmac(signingInput));
    }

    /** The payload of {@code token} after checking its header and, in constant time, its signature. */
    public JsonNode verify(String token) {
        String[] parts = token == null ? new String[0] : token.split("\\.", -1);
        if (parts.length != 3) {
            throw new InvalidJwtException("not a compact JWT");
        }
        JsonNode header = decodeJson(parts[0], "header");
        if (!"HS256".equals(header.path("alg").asText())) {
            throw new InvalidJwtException("algorithm is not HS256");
        }
        byte[] expected = hmac(parts[0] + '.' + parts[1]);
        byte[] actual;
        try {
            actual = DECODER.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new InvalidJwtException("signature is not base64url");
        }
        if (!MessageDigest.isEqual(expected, actual)) {
            throw new InvalidJwtException("signature does not match");
        }
        return decodeJson(parts[1], "payload");
    }

    private byte[] hmac(String signingInput) {
        try {
            Mac mac = (Mac) prototype.clone();
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HmacSHA256 cannot be cloned", e);
        }
    }

    private static JsonNode decodeJson(String part, String what) {
        try {
            return MAPPER.readTree(DECODER.decode(part));
        } catch (IllegalArgumentException | IOException e) {
            throw new InvalidJwtException(what + " is not base64url JSON");
        }
    }
}
