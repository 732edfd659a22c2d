package org.kollussuite.lms.callback;

import org.kollussuite.commons.callback.CallbackParameters;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Removes a channel's inbound token from what an LMS request leaves behind: the token parameter under
 * any spelling of its name, and the token's value wherever else it appears, as text or URL-encoded.
 */
final class Redaction {

    static final String REDACTED = "[redacted]";
    private static final byte[] REDACTED_BYTES = REDACTED.getBytes(StandardCharsets.UTF_8);

    private final List<byte[]> secrets = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();

    Redaction(String token) {
        if (token != null && !token.isEmpty()) {
            texts.add(token);
            secrets.add(token.getBytes(StandardCharsets.UTF_8));
            String encoded = URLEncoder.encode(token, StandardCharsets.UTF_8);
            if (!encoded.equals(token)) {
                texts.add(encoded);
                secrets.add(encoded.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** The query without any parameter named like the token and without the token's value. */
    Map<String, List<String>> query(Map<String, List<String>> query) {
        Map<String, List<String>> kept = new LinkedHashMap<>();
        query.forEach((name, values) -> {
            if (!name.strip().toLowerCase(Locale.ROOT).equals(CallbackParameters.TOKEN)) {
                kept.put(name, values.stream().map(this::text).toList());
            }
        });
        return kept;
    }

    private String text(String value) {
        String redacted = value;
        for (String secret : texts) {
            redacted = redacted.replace(secret, REDACTED);
        }
        return redacted;
    }

    /** {@code body} with every occurrence of the token's value replaced; the same array when there is none. */
    byte[] body(byte[] body) {
        byte[] redacted = body;
        for (byte[] secret : secrets) {
            redacted = replace(redacted, secret);
        }
        return redacted;
    }

    private static byte[] replace(byte[] data, byte[] secret) {
        int at = indexOf(data, secret, 0);
        if (at < 0) {
            return data;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
        int from = 0;
        while (at >= 0) {
            out.write(data, from, at - from);
            out.writeBytes(REDACTED_BYTES);
            from = at + secret.length;
            at = indexOf(data, secret, from);
        }
        out.write(data, from, data.length - from);
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] secret, int from) {
        outer:
        for (int i = from; i <= data.length - secret.length; i++) {
            for (int j = 0; j < secret.length; j++) {
                if (data[i + j] != secret[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
