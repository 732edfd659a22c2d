package org.kollussuite.platform.domain;

import org.kollussuite.commons.callback.CallbackParameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** The identity of a platform callback, since Kollus sends no event id, and the identity of what it changes. */
public final class DedupKey {

    private DedupKey() {
    }

    /** A SHA-256 of the type and its identifying parameters' values: a retry of the same callback has the same key. */
    public static String of(CallbackType type, CallbackParameters parameters) {
        return hash(type.name(), type.identifyingParameters(), parameters);
    }

    /**
     * A SHA-256 of the kind of change and its subject parameters' values: every callback setting the same
     * thing (a content's transcoding state, one channel membership, ...) has the same subject key.
     */
    public static String subjectOf(CallbackType type, CallbackParameters parameters) {
        CallbackType.Change change = type.change();
        return hash(change.name(), change.subjectParameters(), parameters);
    }

    private static String hash(String kind, List<String> names, CallbackParameters parameters) {
        StringBuilder identity = new StringBuilder(kind);
        for (String name : names) {
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
