package org.kollussuite.platform.domain;

import org.kollussuite.commons.callback.CallbackParameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of a platform callback, since Kollus sends no event id: a SHA-256 of its type and
 * the values of its identifying parameters, so a retry of the same callback has the same key.
 */
public final class DedupKey {

    private DedupKey() {
    }

    public static String of(CallbackType type, CallbackParameters parameters) {
        StringBuilder identity = new StringBuilder(type.name());
        for (String name : type.identifyingParameters()) {
            identity.append('\u0000').append(name).append('=').append(parameters.get(name).map(String::strip).orElse(""));
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
